using AgentFlow.Evaluation;

namespace AgentFlow.Tests.Evaluation.History;

/// <summary>Deleting runs and keeping the last N per task, so the file does not grow forever.</summary>
public sealed class EvalHistoryRetentionTests
{
    [Test]
    public async Task DeleteAsync_DeletesTheRunAndItsCases_AndItsIdIsNeverGivenAgain()
    {
        using var file = new TempHistoryFile();
        var history = file.Open();
        var first = await history.SaveAsync(await HistoryReports.CapitalsAsync());
        var second = await history.SaveAsync(await HistoryReports.CapitalsAsync());

        Assert.That(await history.DeleteAsync(second), Is.True);
        Assert.That(await history.DeleteAsync(second), Is.False, "already gone");
        var third = await history.SaveAsync(await HistoryReports.CapitalsAsync());

        Assert.That((await history.ListRunsAsync()).Select(r => r.RunId), Is.EquivalentTo(new[] { first, third }));
        Assert.That(third, Is.GreaterThan(second));
        Assert.ThrowsAsync<EvalHistoryException>(async () => await history.LoadAsync(second));
        Assert.That(file.Scalar($"SELECT count(*) FROM eval_cases WHERE run_id = {second}"), Is.Zero);
        Assert.That(file.Scalar($"SELECT count(*) FROM eval_run_labels WHERE run_id = {second}"), Is.Zero);
        Assert.That(file.Scalar("SELECT count(*) FROM eval_cases"), Is.EqualTo(8L));
        Assert.That(file.Scalar("SELECT count(*) FROM eval_run_prompts"), Is.EqualTo(2L));
    }

    [Test]
    public async Task MaxRunsPerTask_KeepsTheMostRecentlySavedRunsOfEachTask()
    {
        using var file = new TempHistoryFile();
        var history = file.Open(new EvalHistoryOptions { MaxRunsPerTask = 3 });
        List<long> capital = [], city = [];
        for (var i = 0; i < 5; i++)
        {
            // The later saves carry earlier start times: what is kept is what was saved last.
            capital.Add(await history.SaveAsync(await HistoryReports.CapitalsAsync(startedHoursLater: 10 - i)));
        }

        for (var i = 0; i < 2; i++)
        {
            city.Add(await history.SaveAsync(await HistoryReports.CapitalsAsync(task: "capital-city")));
        }

        Assert.That((await history.ListRunsAsync(new EvalRunFilter { TaskName = "capital" })).Select(r => r.RunId), Is.EquivalentTo(capital.Skip(2)));
        Assert.That((await history.ListRunsAsync(new EvalRunFilter { TaskName = "capital-city" })).Select(r => r.RunId), Is.EquivalentTo(city), "another task's runs are counted apart");
        Assert.That(file.Scalar("SELECT count(*) FROM eval_cases"), Is.EqualTo(5L * 4), "the deleted runs' cases are gone too");
        Assert.That(file.Scalar("PRAGMA freelist_count"), Is.Zero, "freed pages are given back to the file system");
    }

    [Test]
    public async Task PruneAsync_KeepsTheLastNOfEveryTask_AndSaysHowManyItDeleted()
    {
        using var file = new TempHistoryFile();
        var history = file.Open();
        List<long> capital = [];
        for (var i = 0; i < 4; i++)
        {
            capital.Add(await history.SaveAsync(await HistoryReports.CapitalsAsync()));
        }

        var city = await history.SaveAsync(await HistoryReports.CapitalsAsync(task: "capital-city"));

        Assert.That(await history.PruneAsync(keepPerTask: 1), Is.EqualTo(3));
        Assert.That((await history.ListRunsAsync()).Select(r => r.RunId), Is.EquivalentTo(new[] { capital[^1], city }));
        Assert.That(await history.PruneAsync(keepPerTask: 1), Is.Zero);
        Assert.That(file.Scalar("SELECT count(*) FROM eval_cases"), Is.EqualTo(8L));
        Assert.That(() => history.PruneAsync(0), Throws.TypeOf<ArgumentOutOfRangeException>());
    }

    [Test]
    public async Task WithRetention_TheFileStopsGrowing()
    {
        using var file = new TempHistoryFile();
        var history = file.Open(new EvalHistoryOptions { MaxRunsPerTask = 2 });
        var report = await HistoryReports.CapitalsAsync();
        for (var i = 0; i < 5; i++)
        {
            await history.SaveAsync(report);
        }

        var pages = (long)file.Scalar("PRAGMA page_count")!;
        for (var i = 0; i < 20; i++)
        {
            await history.SaveAsync(report);
        }

        Assert.That(file.Scalar("PRAGMA page_count"), Is.EqualTo(pages));
        Assert.That(await history.ListRunsAsync(), Has.Count.EqualTo(2));
    }
}
