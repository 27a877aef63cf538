using AgentFlow.Testing;
using Microsoft.Extensions.AI;

namespace AgentFlow.Tests.Testing;

/// <summary>A replay miss: a typed error naming the cassette, the key, the closest recording, what differs, and the fix.</summary>
public sealed class CassetteMissTests
{
    public sealed record Ticket(string Customer, string Text);

    [Test]
    public async Task Miss_NamesTheCassetteTheKeyTheClosestRecordingAndWhatDiffers()
    {
        using var file = new TempCassette();
        await Record(file, [("Customer Ana wrote: I was charged twice for order 1042.", null), ("Customer Bo wrote: the app crashes on start.", null)]);
        using var replayer = new ReplayChatClient(file.Open(), null, new ReplayChatClientOptions());

        var ex = Assert.ThrowsAsync<CassetteMissException>(async () => await replayer.GetResponseAsync(Conversation("Customer Ana wrote: I was charged thrice for order 1042.")));

        Assert.That(ex!.CassettePath, Is.EqualTo(file.FilePath));
        Assert.That(ex.RequestKey, Is.EqualTo(replayer.ComputeKey(Conversation("Customer Ana wrote: I was charged thrice for order 1042."))));
        Assert.That(ex.ClosestKey, Is.EqualTo(replayer.ComputeKey(Conversation("Customer Ana wrote: I was charged twice for order 1042."))));
        Assert.That(ex.Differences, Has.Count.EqualTo(1));
        Assert.That(ex.Differences[0].Path, Is.EqualTo("messages[1].contents[0].text"));
        Assert.That(ex.Differences[0].Recorded, Is.EqualTo("\"Customer Ana wrote: I was charged twice for order 1042.\""));
        Assert.That(ex.Differences[0].Actual, Is.EqualTo("\"Customer Ana wrote: I was charged thrice for order 1042.\""));
        Assert.That(ex.Message, Does.Contain(file.FilePath)
            .And.Contain(ex.RequestKey)
            .And.Contain($"entry 0 of 2 (key {ex.ClosestKey})")
            .And.Contain("messages[1].contents[0].text: recorded \"Customer Ana wrote: I was charged twice")
            .And.Contain("CassetteMode.Record")
            .And.Contain("CassetteMode.Auto")
            .And.Contain("AGENTFLOW_CASSETTE_MODE=record"));
    }

    [Test]
    public async Task Miss_InALongPrompt_ShowsTheTextAroundTheFirstDifference()
    {
        using var file = new TempCassette();
        var padding = string.Concat(Enumerable.Repeat("lorem ipsum ", 200));
        await Record(file, [(padding + "the invoice is late" + padding, null)]);
        using var replayer = file.Client(CassetteMode.Replay);

        var ex = Assert.ThrowsAsync<CassetteMissException>(async () => await replayer.GetResponseAsync(Conversation(padding + "the invoice is lost" + padding)));

        var difference = ex!.Differences.Single();
        Assert.That(difference.Recorded, Does.StartWith("...").And.Contain("the invoice is late").And.EndWith("..."));
        Assert.That(difference.Actual, Does.StartWith("...").And.Contain("the invoice is lost").And.EndWith("..."));
        Assert.That(difference.Recorded!.Length, Is.LessThan(120));
    }

    [Test]
    public async Task Miss_OnAnOption_NamesTheOption()
    {
        using var file = new TempCassette();
        await Record(file, [("hello", new ChatOptions { Temperature = 0, ModelId = "gpt-4o-mini" })]);
        using var replayer = file.Client(CassetteMode.Replay);

        var ex = Assert.ThrowsAsync<CassetteMissException>(async () => await replayer.GetResponseAsync(
            Conversation("hello"), new ChatOptions { Temperature = 0.7f, ModelId = "gpt-4o-mini", MaxOutputTokens = 50 }));

        Assert.That(ex!.Differences.Select(d => d.ToString()), Is.EqualTo(new[]
        {
            "options.maxOutputTokens: recorded (nothing), actual 50",
            "options.temperature: recorded 0, actual 0.7",
        }));
    }

    [Test]
    public async Task Miss_PrefersARecordingOfTheSameModel()
    {
        using var file = new TempCassette();
        await Record(file, [("what is 2+2?", new ChatOptions { ModelId = "small" }), ("what is 2+3?", new ChatOptions { ModelId = "big" })]);
        using var replayer = file.Client(CassetteMode.Replay);

        var ex = Assert.ThrowsAsync<CassetteMissException>(async () => await replayer.GetResponseAsync(Conversation("what is 2+2?"), new ChatOptions { ModelId = "big" }));

        Assert.That(ex!.Differences.Single().Path, Is.EqualTo("messages[1].contents[0].text"), "the same model's recording, though the other has the same text");
        Assert.That(ex.Message, Does.Contain("entry 1 of 2"));
    }

    [Test]
    public async Task Miss_WithAnExtraMessage_ShowsTheMessageOnlyOneSideHas()
    {
        using var file = new TempCassette();
        await Record(file, [("hello", null)]);
        using var replayer = file.Client(CassetteMode.Replay);
        var longer = Conversation("hello").Append(new ChatMessage(ChatRole.User, "and more")).ToList();

        var ex = Assert.ThrowsAsync<CassetteMissException>(async () => await replayer.GetResponseAsync(longer));

        var difference = ex!.Differences.Single();
        Assert.That((difference.Path, difference.Recorded), Is.EqualTo(("messages[2]", (string?)null)));
        Assert.That(difference.Actual, Does.Contain("and more"));
    }

    [Test]
    public void Miss_OnACassetteWithNoFile_SaysSo()
    {
        using var file = new TempCassette();
        using var replayer = file.Client(CassetteMode.Replay);

        var ex = Assert.ThrowsAsync<CassetteMissException>(async () => await replayer.GetResponseAsync("hi"));

        Assert.That(ex!.Message, Does.Contain("does not exist"));
        Assert.That((ex.ClosestKey, ex.Differences.Count), Is.EqualTo(((string?)null, 0)));
        Assert.That(ex.Message, Does.Not.Contain("AGENTFLOW_CASSETTE_MODE"), "the variable is not suggested when the client ignores it");
    }

    [Test]
    public async Task Miss_InAFlow_FailsTheNodeThatAsked_WithTheMissInside()
    {
        using var file = new TempCassette();
        var task = FlowTask.FromPrompt<Ticket, string>("reply", new Prompt("reply", "1", "Customer {{$Customer}} wrote: {{$Text}}"));
        var flow = Flow.Define<Ticket>("support").Then(task).Build();
        using (var recorder = file.Client(CassetteMode.Record, new ScriptedChatClient().Enqueue("We are on it.")))
        {
            await flow.RunAsync(new Ticket("Ana", "Where is my order?"), new RunOptions { ChatClient = recorder });
        }

        using var replayer = file.Client(CassetteMode.Replay);
        var ex = Assert.ThrowsAsync<FlowTaskException>(async () => await flow.RunAsync(new Ticket("Ana", "Where is my refund?"), new RunOptions { ChatClient = replayer }));

        Assert.That(ex!.NodePath, Is.EqualTo("support/reply"));
        var miss = ex.InnerException as CassetteMissException;
        Assert.That(miss, Is.Not.Null);
        Assert.That(miss!.Message, Does.Contain("asked by node 'support/reply' for prompt"));
        Assert.That(miss.Differences.Single().Actual, Does.Contain("Where is my refund?"));
    }

    private static List<ChatMessage> Conversation(string user) => [new(ChatRole.System, "You triage tickets."), new(ChatRole.User, user)];

    private static async Task Record(TempCassette file, (string User, ChatOptions? Options)[] requests)
    {
        using var recorder = file.Client(CassetteMode.Record, new FakeChatClient());
        foreach (var (user, options) in requests)
        {
            await recorder.GetResponseAsync(Conversation(user), options);
        }
    }
}
