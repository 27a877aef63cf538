using AgentFlow.Tests.TestSupport;

namespace AgentFlow.Tests.Runs;

/// <summary><see cref="FlowTask{TIn, TOut}.StreamAsync"/>: events in order, failures that are never silent, and early exit that cancels.</summary>
public sealed class StreamingTests
{
    [Test]
    public async Task Stream_OfASuccessfulRun_StartsWithRunStartedPairsNodesAndEndsWithRunCompleted()
    {
        var flow = Flow.Define<int>("f").Then("a", x => x + 1).Then("b", x => x * 10).Build();

        var events = await CollectAsync(flow.StreamAsync(1, new RunOptions { RunId = "s1" }));

        Assert.That(events.Select(Describe), Is.EqualTo(new[]
        {
            "RunStarted f",
            "NodeStarted f",
            "NodeStarted f/a",
            "NodeEnded f/a Succeeded",
            "NodeStarted f/b",
            "NodeEnded f/b Succeeded",
            "NodeEnded f Succeeded",
            "RunCompleted Succeeded",
        }));
        Assert.That(events.Select(e => e.RunId), Is.All.EqualTo("s1"));
        var completed = (RunCompletedEvent)events[^1];
        Assert.That(completed.Output, Is.EqualTo(20));
        Assert.That(completed.Record.Nodes, Has.Count.EqualTo(3));
    }

    [Test]
    public async Task Stream_OfALoop_ReportsTheLoopEndingBeforeTheLoopNode()
    {
        var loop = Flow.Loop("loop", FlowTask.Create("body", (int x) => x + 1)).Until(x => x == 2).MaxIterations(3).Build();

        var events = await CollectAsync(loop.StreamAsync(0));

        Assert.That(events.Select(Describe), Is.EqualTo(new[]
        {
            "RunStarted loop",
            "NodeStarted loop",
            "NodeStarted loop#1/body",
            "NodeEnded loop#1/body Succeeded",
            "NodeStarted loop#2/body",
            "NodeEnded loop#2/body Succeeded",
            "LoopEnded loop 2 Condition",
            "NodeEnded loop Succeeded",
            "RunCompleted Succeeded",
        }));
    }

    [Test]
    public async Task Stream_WithRecordNodesOff_StillStreamsNodeEvents()
    {
        var flow = Flow.Define<int>("f").Then("a", x => x).Build();

        var events = await CollectAsync(flow.StreamAsync(1, new RunOptions { RecordNodes = false }));

        Assert.That(events.OfType<NodeEndedEvent>().Select(e => e.Node.Path), Is.EqualTo(new[] { "f/a", "f" }));
        Assert.That(((RunCompletedEvent)events[^1]).Record.Nodes, Is.Empty);
    }

    [Test]
    public async Task Stream_OfAFailedRun_YieldsRunFailedThenThrowsTheRunsError()
    {
        var boom = new InvalidOperationException("x");
        var flow = Flow.Define<int>("f").Then("boom", int (int _) => throw boom).Then("never", x => x).Build();
        var events = new List<RunEvent>();

        var ex = Assert.ThrowsAsync<FlowTaskException>(async () =>
        {
            await foreach (var e in flow.StreamAsync(1))
            {
                events.Add(e);
            }
        });

        Assert.That(ex.InnerException, Is.SameAs(boom));
        Assert.That(events.Select(Describe), Is.EqualTo(new[]
        {
            "RunStarted f",
            "NodeStarted f",
            "NodeStarted f/boom",
            "NodeEnded f/boom Failed",
            "NodeEnded f Failed",
            "RunFailed f/boom",
        }));
        var failed = (RunFailedEvent)events[^1];
        Assert.That(failed.Error, Is.SameAs(ex));
        Assert.That(failed.Record.Status, Is.EqualTo(RunStatus.Failed));
        Assert.That(ex.Record, Is.SameAs(failed.Record));
    }

    [Test]
    public async Task Stream_LeftEarly_CancelsTheRunAndWaitsForIt()
    {
        var sawCancellation = Signal.Create();
        var later = 0;
        var flow = Flow.Define<int>("f")
            .Then("wait", async (x, ct) =>
            {
                try
                {
                    await Task.Delay(Timeout.Infinite, ct);
                }
                catch (OperationCanceledException)
                {
                    sawCancellation.SetResult();
                    throw;
                }

                return x;
            })
            .Then("later", x => later += 1)
            .Build();

        var consume = async () =>
        {
            await foreach (var e in flow.StreamAsync(1).WithCancellation(CancellationToken.None))
            {
                if (e is NodeStartedEvent { Path: "f/wait" })
                {
                    break;
                }
            }
        };

        // Leaving the loop disposes the stream, which must stop the run; a stream that does not would hang here.
        await consume().WaitAsync(Signal.Timeout);

        Assert.That(sawCancellation.Task.IsCompleted, Is.True, "leaving the stream must cancel the run and wait for it to stop");
        Assert.That(later, Is.Zero);
    }

    [Test]
    public void Stream_CancelledByItsToken_EndsWithRunCancelledThenThrowsOperationCanceled()
    {
        using var cts = new CancellationTokenSource();
        var flow = Flow.Define<int>("f")
            .Then("wait", async (x, ct) =>
            {
                await Task.Delay(Timeout.Infinite, ct);
                return x;
            })
            .Build();
        var events = new List<RunEvent>();

        var consume = async () =>
        {
            await foreach (var e in flow.StreamAsync(1, cancellationToken: cts.Token))
            {
                events.Add(e);
                if (e is NodeStartedEvent { Path: "f/wait" })
                {
                    await cts.CancelAsync();
                }
            }
        };

        Assert.That(async () => await consume().WaitAsync(Signal.Timeout), Throws.InstanceOf<OperationCanceledException>());
        Assert.That(events.OfType<RunCompletedEvent>(), Is.Empty);
        Assert.That(events.OfType<RunFailedEvent>(), Is.Empty);
        Assert.That(events.OfType<NodeEndedEvent>().Select(e => (e.Node.Path, e.Node.Status)), Is.EqualTo(new[]
        {
            ("f/wait", NodeStatus.Cancelled),
            ("f", NodeStatus.Cancelled),
        }));
        var cancelled = events[^1] as RunCancelledEvent;
        Assert.That(cancelled, Is.Not.Null, "the last event of a cancelled run is RunCancelledEvent");
        Assert.That(cancelled!.Record.Status, Is.EqualTo(RunStatus.Cancelled));
        Assert.That(cancelled.Record.NodesAt("f/wait").Single().Status, Is.EqualTo(NodeStatus.Cancelled));
    }

    [Test]
    public async Task Stream_NotEnumerated_DoesNotStartTheRun()
    {
        var calls = 0;
        var task = FlowTask.Create("t", (int x) => calls += x);

        var stream = task.StreamAsync(1);
        await using (var enumerator = stream.GetAsyncEnumerator())
        {
            Assert.That(calls, Is.Zero);
            Assert.That(await enumerator.MoveNextAsync(), Is.True);
        }

        Assert.That(calls, Is.EqualTo(1));
    }

    private static async Task<List<RunEvent>> CollectAsync(IAsyncEnumerable<RunEvent> stream)
    {
        var events = new List<RunEvent>();
        await foreach (var e in stream.WithCancellation(CancellationToken.None))
        {
            events.Add(e);
        }

        return events;
    }

    private static string Describe(RunEvent e) => e switch
    {
        RunStartedEvent s => $"RunStarted {s.FlowName}",
        NodeStartedEvent s => $"NodeStarted {s.Path}",
        NodeEndedEvent n => $"NodeEnded {n.Node.Path} {n.Node.Status}",
        LoopEndedEvent l => $"LoopEnded {l.Loop.Path} {l.Loop.Iterations} {l.Loop.Exit}",
        RouteChosenEvent r => $"RouteChosen {r.Decision.Path} {r.Decision.Label}",
        RunCompletedEvent c => $"RunCompleted {c.Record.Status}",
        RunFailedEvent f => $"RunFailed {f.Error.NodePath}",
        _ => e.GetType().Name,
    };
}
