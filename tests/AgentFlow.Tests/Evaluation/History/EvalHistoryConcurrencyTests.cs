using AgentFlow.Evaluation;

namespace AgentFlow.Tests.Evaluation.History;

/// <summary>Several writers on one file at once: every save lands whole, none is lost, and the file stays readable.</summary>
public sealed class EvalHistoryConcurrencyTests
{
    [Test]
    public async Task ConcurrentSaves_FromSeparateInstances_OnAFreshFile_AllLand()
    {
        using var file = new TempHistoryFile();
        var report = await HistoryReports.CapitalsAsync();
        const int Writers = 6;
        const int SavesEach = 8;

        // Each writer has its own instance, as separate processes would: the first saves race to create the schema too.
        var ids = await Task.WhenAll(Enumerable.Range(0, Writers).Select(w => Task.Run(async () =>
        {
            var history = file.Open();
            List<long> saved = [];
            for (var i = 0; i < SavesEach; i++)
            {
                saved.Add(await history.SaveAsync(report with { Name = $"writer-{w}-{i}" }));
            }

            return saved;
        })));

        var all = ids.SelectMany(x => x).ToList();
        Assert.That(all, Is.Unique);
        Assert.That(all, Has.Count.EqualTo(Writers * SavesEach));
        var history = file.Open();
        var runs = await history.ListRunsAsync();
        Assert.That(runs.Select(r => r.Name), Is.EquivalentTo(Enumerable.Range(0, Writers).SelectMany(w => Enumerable.Range(0, SavesEach).Select(i => $"writer-{w}-{i}"))));
        Assert.That(file.Scalar("SELECT count(*) FROM eval_cases"), Is.EqualTo((long)Writers * SavesEach * 4));
        Assert.That(file.Scalar("SELECT count(*) FROM eval_schema"), Is.EqualTo(1L), "the schema was made once");
        Assert.That(file.Scalar("PRAGMA integrity_check"), Is.EqualTo("ok"));
        var loaded = await history.LoadAsync(all[^1]);
        Assert.That(loaded.Cases.Select(c => c.Id), Is.EqualTo(report.Cases.Select(c => c.Id)));
    }

    [Test]
    public async Task ConcurrentSavesAndReads_ThroughOneInstance_WithRetention_LeaveAConsistentFile()
    {
        using var file = new TempHistoryFile();
        var history = file.Open(new EvalHistoryOptions { MaxRunsPerTask = 5 });
        var report = await HistoryReports.CapitalsAsync();

        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            for (var i = 0; i < 6; i++)
            {
                var id = await history.SaveAsync(report);
                foreach (var run in await history.ListRunsAsync())
                {
                    try
                    {
                        Assert.That((await history.LoadAsync(run.RunId)).Cases, Has.Count.EqualTo(4), "a run is read whole");
                    }
                    catch (EvalHistoryException ex) when (ex.Message.Contains("has no run", StringComparison.Ordinal))
                    {
                        // Pruned by another writer between the listing and the load.
                    }
                }
            }
        })));

        Assert.That(await history.ListRunsAsync(), Has.Count.EqualTo(5));
        Assert.That(file.Scalar("SELECT count(*) FROM eval_cases"), Is.EqualTo(20L));
        Assert.That(file.Scalar("SELECT count(*) FROM eval_cases c WHERE NOT EXISTS (SELECT 1 FROM eval_runs r WHERE r.run_id = c.run_id)"), Is.Zero);
    }
}
