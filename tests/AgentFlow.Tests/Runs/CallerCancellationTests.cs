namespace AgentFlow.Tests.Runs;

/// <summary>A caller's cancellation wins, whatever the cancellation made a node throw and whatever the flow's shape.</summary>
public sealed class CallerCancellationTests
{
    [Test]
    public async Task Run_CancelledWhileATaskReactsWithAnotherException_ThrowsOperationCanceledAndRecordsTheFailure()
    {
        using var cts = new CancellationTokenSource();
        var started = TestSupport.Signal.Create();
        var flow = Flow.Define<int>("f")
            .Then("socket", async (x, ct) =>
            {
                started.SetResult();
                try
                {
                    await Task.Delay(Timeout.Infinite, ct);
                }
                catch (OperationCanceledException)
                {
                    // Sockets and HTTP stacks often report a cancelled call this way.
                    throw new ObjectDisposedException("socket");
                }

                return x;
            })
            .Build();
        var events = new List<RunEvent>();

        var consume = async () =>
        {
            await foreach (var e in flow.StreamAsync(1, cancellationToken: cts.Token))
            {
                events.Add(e);
            }
        };
        var consuming = consume();
        await started.Task.WaitAsync(TestSupport.Signal.Timeout);
        await cts.CancelAsync();

        var ex = Assert.ThrowsAsync<OperationCanceledException>(() => consuming.WaitAsync(TestSupport.Signal.Timeout));

        Assert.That(ex!.InnerException, Is.TypeOf<FlowTaskException>());
        Assert.That(ex.InnerException!.InnerException, Is.TypeOf<ObjectDisposedException>());
        var cancelled = events[^1] as RunCancelledEvent;
        Assert.That(cancelled, Is.Not.Null);
        Assert.That(cancelled!.Record.Status, Is.EqualTo(RunStatus.Cancelled));
        Assert.That(cancelled.Record.Error, Is.SameAs(ex.InnerException), "the failure is kept in the record");
    }

    [Test]
    public void Run_CancelledBeforeItStarts_RecordsTheRootAsCancelledWithoutRunningIt()
    {
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        var ran = false;
        var task = FlowTask.Create("t", (int x) => ran = true);

        Assert.That(async () => await task.RunAsync(1, cts.Token), Throws.InstanceOf<OperationCanceledException>());
        Assert.That(ran, Is.False);
    }
}
