using System.Text.Json.Nodes;
using AgentFlow.Testing;
using Microsoft.Extensions.AI;

namespace AgentFlow.Tests.Testing;

/// <summary>The cassette file: readable and stable, written only when it changes, checked when read; concurrent use.</summary>
public sealed class CassetteFileTests
{
    private static readonly DateTime LongAgo = new(2001, 2, 3, 4, 5, 6, DateTimeKind.Utc);

    [Test]
    public async Task File_IsIndentedJson_WithTheRequestInReadingOrder_AndTextUnescaped()
    {
        using var file = new TempCassette();
        using (var recorder = file.Client(CassetteMode.Record, new FakeChatClient()))
        {
            await recorder.GetResponseAsync([new ChatMessage(ChatRole.User, "Où est ma commande ? <urgent> & \"vite\"")], new ChatOptions { ModelId = "gpt-4o-mini", Temperature = 0 });
        }

        var text = file.Text;
        Assert.That(text, Does.StartWith("{\n  \"version\": 1,\n  \"entries\": [\n    {\n      \"key\": \"").And.EndWith("}\n"));
        Assert.That(text, Does.Not.Contain("\r"));
        Assert.That(text, Does.Contain("\"text\": \"Où est ma commande ? <urgent> & \\\"vite\\\"\""), "only what JSON requires is escaped");
        var entry = JsonNode.Parse(text)!["entries"]![0]!.AsObject();
        Assert.That(entry.Select(p => p.Key), Is.EqualTo(new[] { "key", "request", "response" }));
        Assert.That(entry["request"]!.AsObject().Select(p => p.Key), Is.EqualTo(new[] { "model", "messages", "options", "tools" }));
        Assert.That(entry["request"]!["messages"]![0]!.AsObject().Select(p => p.Key), Is.EqualTo(new[] { "role", "contents" }));
    }

    [Test]
    public async Task Replaying_InAuto_LeavesTheFileUntouched()
    {
        using var file = new TempCassette();
        await RecordAsync(file, "one", "two");
        var before = file.Text;
        File.SetLastWriteTimeUtc(file.FilePath, LongAgo);

        using (var auto = file.Client(CassetteMode.Auto, new FakeChatClient()))
        {
            await auto.GetResponseAsync("one");
            await auto.GetResponseAsync("two");
            Assert.That(auto.Cassette.Save(), Is.False);
        }

        Assert.That(file.Text, Is.EqualTo(before));
        Assert.That(File.GetLastWriteTimeUtc(file.FilePath), Is.EqualTo(LongAgo));
    }

    [Test]
    public async Task ReRecording_TheSameAnswers_LeavesTheFileUntouched_AndADifferentAnswerRewritesIt()
    {
        using var file = new TempCassette();
        await RecordAsync(file, "one", "two");
        File.SetLastWriteTimeUtc(file.FilePath, LongAgo);

        await RecordAsync(file, "one", "two");
        Assert.That(File.GetLastWriteTimeUtc(file.FilePath), Is.EqualTo(LongAgo), "the same exchanges: nothing to write");

        await RecordAsync(file, "one", "three");
        Assert.That(File.GetLastWriteTimeUtc(file.FilePath), Is.Not.EqualTo(LongAgo));
        Assert.That(file.Text, Does.Contain("echo: three").And.Not.Contain("echo: two"));
    }

    [Test]
    public async Task Save_IgnoresLineEndings_SoACheckoutWithCrLfIsNotRewritten()
    {
        using var file = new TempCassette();
        await RecordAsync(file, "one");
        File.WriteAllText(file.FilePath, file.Text.ReplaceLineEndings("\r\n"));

        Assert.That(file.Open().Save(), Is.False);
    }

    [Test]
    public void Save_OfAnEmptyCassetteWithNoFile_WritesNothing()
    {
        using var file = new TempCassette();

        Assert.That(file.Open().Save(), Is.False);
        Assert.That(file.Exists, Is.False);
    }

    [TestCase("{ not json", "is not valid JSON")]
    [TestCase("""{"version": 2, "entries": []}""", "\"version\" is 2")]
    [TestCase("""{"version": 1}""", "no \"entries\" array")]
    [TestCase("""{"version": 1, "entries": [{"key": "k"}]}""", "entry 0 has no \"key\" string or no \"request\" object")]
    [TestCase("""{"version": 1, "entries": [{"key": "k", "request": {}}]}""", "entry 0 must hold either a \"response\" object or an \"updates\" array")]
    public void Open_AFileThatIsNotACassette_FailsNamingTheFileAndTheProblem(string content, string problem)
    {
        using var file = new TempCassette();
        Directory.CreateDirectory(Path.GetDirectoryName(file.FilePath)!);
        File.WriteAllText(file.FilePath, content);

        var ex = Assert.Throws<InvalidDataException>(() => file.Open());

        Assert.That(ex!.Message, Does.Contain(file.FilePath).And.Contain(problem));
    }

    [Test]
    public async Task Open_ARequestEditedByHand_FailsWithTheKeyItNowHas_AndTakesTheEditOnceTheKeyIsSet()
    {
        using var file = new TempCassette();
        await RecordAsync(file, "one");
        var edited = file.Text.Replace("\"text\": \"one\"", "\"text\": \"uno\"", StringComparison.Ordinal);
        File.WriteAllText(file.FilePath, edited);

        var ex = Assert.Throws<InvalidDataException>(() => file.Open());

        Assert.That(ex!.Message, Does.Contain("entry 0's key").And.Contain("does not match its request"));
        using var elsewhere = new TempCassette();
        var newKey = elsewhere.Client(CassetteMode.Replay).ComputeKey([new ChatMessage(ChatRole.User, "uno")]);
        Assert.That(ex.Message, Does.Contain(newKey));
        var oldKey = JsonNode.Parse(edited)!["entries"]![0]!["key"]!.GetValue<string>();
        File.WriteAllText(file.FilePath, edited.Replace(oldKey, newKey, StringComparison.Ordinal));
        using var replayer = file.Client(CassetteMode.Replay);
        Assert.That((await replayer.GetResponseAsync("uno")).Text, Is.EqualTo("echo: one"));
    }

    [Test]
    public void OpenBesideSource_ResolvesAgainstTheCallingSourceFilesDirectory()
    {
        var cassette = Cassette.OpenBesideSource("Cassettes/triage.json");

        Assert.That(cassette.FilePath, Is.EqualTo(Path.Combine(Path.GetDirectoryName(SourcePath())!, "Cassettes", "triage.json")));
        Assert.That(cassette.Count, Is.EqualTo(1));
        var ex = Assert.Throws<InvalidOperationException>(() => Cassette.OpenBesideSource("x.json", "/_/tests/Missing/Test.cs"));
        Assert.That(ex!.Message, Does.Contain("/_/tests/Missing").And.Contain("Cassette.Open(path)"));
    }

    [Test]
    public async Task ConcurrentRequests_AreAllRecorded_AndReplayedEachToItsOwnRequest()
    {
        using var file = new TempCassette();
        var prompts = Enumerable.Range(0, 16).Select(i => $"question {i}").ToList();
        var scripted = new ScriptedChatClient().When(_ => true, r => ScriptedReply.Text("answer to " + r.LastUserText));
        using (var recorder = file.Client(CassetteMode.Record, scripted))
        {
            await Task.WhenAll(prompts.Select(p => Task.Run(() => recorder.GetResponseAsync(p))));
        }

        using var replayer = file.Client(CassetteMode.Replay);
        var answers = await Task.WhenAll(prompts.AsEnumerable().Reverse().Select(p => Task.Run(async () => (p, (await replayer.GetResponseAsync(p)).Text))));

        Assert.That(file.Open().Count, Is.EqualTo(16));
        Assert.That(answers.Where(a => a.Text != "answer to " + a.p), Is.Empty);
    }

    [Test]
    public async Task ConcurrentIdenticalRequests_TakeEachRecordingOnce()
    {
        using var file = new TempCassette();
        using (var recorder = file.Client(CassetteMode.Record, new ScriptedChatClient().Enqueue("a", "b", "c", "d")))
        {
            for (var i = 0; i < 4; i++)
            {
                await recorder.GetResponseAsync("same");
            }
        }

        using var replayer = file.Client(CassetteMode.Replay);
        var answers = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(async () => (await replayer.GetResponseAsync("same")).Text)));

        Assert.That(answers, Is.EquivalentTo(new[] { "a", "b", "c", "d" }));
    }

    private static async Task RecordAsync(TempCassette file, params string[] prompts)
    {
        using var recorder = file.Client(CassetteMode.Record, new FakeChatClient());
        foreach (var prompt in prompts)
        {
            await recorder.GetResponseAsync(prompt);
        }
    }

    private static string SourcePath([System.Runtime.CompilerServices.CallerFilePath] string path = "") => path;
}
