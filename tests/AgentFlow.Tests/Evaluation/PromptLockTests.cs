using AgentFlow.Evaluation;

namespace AgentFlow.Tests.Evaluation;

/// <summary>
/// The prompt lock: written sorted with LF and the text as lines; an edit without a new version fails with its diff and is
/// never accepted by an update; new versions, new and removed prompts fail until updated; conflicts; line endings; the
/// update variable, refused on CI.
/// </summary>
public sealed class PromptLockTests
{
    private static readonly Prompt Triage = new(
        "triage",
        "3",
        "Ticket from {{$customer}}:\n{{$text}}",
        "You route support tickets.\nChoose one team: billing, technical or other.\nAnswer with the team only.");

    private static readonly Prompt Summary = new("summary", "1", "Summarise: {{$input}}");

    private string _directory = null!;
    private string _lockPath = null!;

    [SetUp]
    public void CreateDirectory()
    {
        _directory = Path.Combine(Path.GetTempPath(), "agentflow-tests", Guid.NewGuid().ToString("N"));
        _lockPath = Path.Combine(_directory, "prompts.lock.json");
    }

    [TearDown]
    public void DeleteDirectory()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    [Test]
    public void Update_WritesOneEntryPerPrompt_SortedByName_WithTheTextAsLines_AndLfLineEnds()
    {
        var written = PromptLock.Update(_lockPath, Triage, Summary);

        Assert.That(written, Is.True);
        Assert.That(File.ReadAllText(_lockPath), Is.EqualTo(
            $$$"""
            {
              "formatVersion": 1,
              "prompts": {
                "summary": {
                  "version": "1",
                  "contentHash": "{{{Summary.ContentHash}}}",
                  "user": [
                    "Summarise: {{$input}}"
                  ]
                },
                "triage": {
                  "version": "3",
                  "contentHash": "{{{Triage.ContentHash}}}",
                  "system": [
                    "You route support tickets.",
                    "Choose one team: billing, technical or other.",
                    "Answer with the team only."
                  ],
                  "user": [
                    "Ticket from {{$customer}}:",
                    "{{$text}}"
                  ]
                }
              }
            }

            """.ReplaceLineEndings("\n")));
    }

    [Test]
    public void Update_KeepsQuotesAndNonAsciiLettersReadable()
    {
        PromptLock.Update(_lockPath, new Prompt("greeting", "1", "Say \"Grüß dich\" & <smile>"));

        Assert.That(File.ReadAllText(_lockPath), Does.Contain("\"Say \\\"Grüß dich\\\" & <smile>\""));
    }

    [Test]
    public void Verify_OfTheLockedPrompts_Passes_AndAnUpdateThenWritesNothing()
    {
        PromptLock.Update(_lockPath, Triage, Summary);
        var before = File.GetLastWriteTimeUtc(_lockPath);

        Assert.That(() => Check(Summary, Triage), Throws.Nothing);
        Assert.That(PromptLock.Update(_lockPath, Summary, Triage), Is.False, "the lock already holds these prompts");
        Assert.That(File.GetLastWriteTimeUtc(_lockPath), Is.EqualTo(before));
    }

    [Test]
    public void Verify_OfAPromptEditedWithoutANewVersion_FailsWithAUnifiedDiffOfTheText()
    {
        PromptLock.Update(_lockPath, Triage);
        var edited = new Prompt(
            "triage",
            "3",
            Triage.User,
            "You route support tickets.\nChoose one team: billing, technical, sales or other.\nAnswer with the team only.");

        var ex = Assert.Throws<PromptLockException>(() => Check(edited));

        var problem = ex!.Problems.Single();
        Assert.That((problem.Kind, problem.PromptName, problem.FixedByUpdate), Is.EqualTo((PromptLockProblemKind.EditedWithoutNewVersion, "triage", false)));
        Assert.That(problem.Diff!.Split('\n'), Is.EqualTo(new[]
        {
            "--- lock/triage@3/system",
            "+++ code/triage@3/system",
            "@@ -1,3 +1,3 @@",
            " You route support tickets.",
            "-Choose one team: billing, technical or other.",
            "+Choose one team: billing, technical, sales or other.",
            " Answer with the team only.",
        }));
        Assert.That(ex.LockPath, Is.EqualTo(_lockPath));
        Assert.That(ex.Message, Does.StartWith($"The prompts do not match the prompt lock '{_lockPath}' (1 problem):"));
        Assert.That(ex.Message, Does.Contain("Prompt 'triage' (listed on its own) changed, but its version is still '3'. Give it a new version"));
        Assert.That(ex.Message, Does.Contain(
            "\n    --- lock/triage@3/system\n    +++ code/triage@3/system\n    @@ -1,3 +1,3 @@\n     You route support tickets.\n"
            + "    -Choose one team: billing, technical or other.\n    +Choose one team: billing, technical, sales or other.\n"));
        Assert.That(ex.Message, Does.Not.Contain(PromptLock.UpdateEnvironmentVariable), "an update cannot fix it, so none is suggested");
    }

    [Test]
    public void Update_OfAPromptEditedWithoutANewVersion_IsRefused_AndLeavesTheLockAsItWas()
    {
        PromptLock.Update(_lockPath, Triage);
        var locked = File.ReadAllText(_lockPath);
        var edited = new Prompt("triage", "3", "Ticket from {{$customer}}:\n{{$text}}\nBe brief.", Triage.System);

        var ex = Assert.Throws<PromptLockException>(() => PromptLock.Update(_lockPath, edited));

        Assert.That(ex!.Message, Does.StartWith($"The prompt lock '{_lockPath}' was not updated (1 problem):"));
        Assert.That(ex.Problems.Single().Diff!.Split('\n'), Is.EqualTo(new[]
        {
            "--- lock/triage@3/user",
            "+++ code/triage@3/user",
            "@@ -1,2 +1,3 @@",
            " Ticket from {{$customer}}:",
            " {{$text}}",
            "+Be brief.",
        }));
        Assert.That(File.ReadAllText(_lockPath), Is.EqualTo(locked));
    }

    [Test]
    public void Verify_OfANewVersion_FailsWithTheDiffUntilTheLockIsUpdated_ThenPasses()
    {
        PromptLock.Update(_lockPath, Triage);
        var next = new Prompt("triage", "4", "Ticket from {{$customer}}:\n{{$text}}\nBe brief.", Triage.System);

        var ex = Assert.Throws<PromptLockException>(() => Check(next));

        var problem = ex!.Problems.Single();
        Assert.That((problem.Kind, problem.FixedByUpdate), Is.EqualTo((PromptLockProblemKind.VersionChanged, true)));
        Assert.That(problem.Message, Is.EqualTo("Prompt 'triage' (listed on its own) has a new version, '4'; the lock records '3'. Its text changed:"));
        Assert.That(problem.Diff!.Split('\n').Take(3), Is.EqualTo(new[] { "--- lock/triage@3/user", "+++ code/triage@4/user", "@@ -1,2 +1,3 @@" }));
        Assert.That(ex.Message, Does.EndWith(PromptLock.UpdateHint));

        Assert.That(PromptLock.Update(_lockPath, next), Is.True);
        Assert.That(() => Check(next), Throws.Nothing);
        Assert.That(File.ReadAllText(_lockPath), Does.Contain("\"version\": \"4\"").And.Contain("\"Be brief.\""));
    }

    [Test]
    public void Verify_OfANewVersionWithTheSameText_SaysSo()
    {
        PromptLock.Update(_lockPath, Triage);

        var ex = Assert.Throws<PromptLockException>(() => Check(new Prompt("triage", "3.1", Triage.User, Triage.System)));

        Assert.That(ex!.Problems.Single().Message, Does.EndWith("has a new version, '3.1'; the lock records '3', with the same text."));
        Assert.That(ex.Problems.Single().Diff, Is.Null);
    }

    [Test]
    public void Verify_OfNewAndRemovedPrompts_FailsNamingEach_AndAnUpdateRecordsThem()
    {
        PromptLock.Update(_lockPath, Triage);

        var ex = Assert.Throws<PromptLockException>(() => Check(Summary));

        Assert.That(ex!.Problems.Select(p => (p.Kind, p.PromptName)), Is.EqualTo(new[]
        {
            (PromptLockProblemKind.Added, "summary"),
            (PromptLockProblemKind.Removed, "triage"),
        }));
        Assert.That(ex.Message, Does.Contain("Prompt 'summary' (version '1', listed on its own) is not in the lock."));
        Assert.That(ex.Message, Does.Contain("Prompt 'triage' (version '3') is in the lock, but none of the prompts checked is named so"));
        PromptLock.Update(_lockPath, Summary);
        Assert.That(() => Check(Summary), Throws.Nothing);
        Assert.That(File.ReadAllText(_lockPath), Does.Not.Contain("triage"));
    }

    [Test]
    public void Verify_OfOneNameForTwoDifferentPrompts_FailsWithBothAndTheirDiff_AndAnUpdateIsRefused()
    {
        PromptLock.Update(_lockPath, Triage);
        var other = new Prompt("triage", "3", "Route: {{$text}}", Triage.System);
        var catalog = new PromptCatalog().Add(Triage, other, Triage);

        var ex = Assert.Throws<PromptLockException>(() => Check(catalog));

        var problem = ex!.Problems.Single();
        Assert.That((problem.Kind, problem.PromptName), Is.EqualTo((PromptLockProblemKind.Conflict, "triage")));
        Assert.That(problem.Message, Does.StartWith($"The prompt name 'triage' is used for 2 different prompts: {Triage} listed on its own; {other} listed on its own."));
        Assert.That(problem.Diff!.Split('\n'), Is.EqualTo(new[]
        {
            "--- 1/triage@3/user",
            "+++ 2/triage@3/user",
            "@@ -1,2 +1 @@",
            "-Ticket from {{$customer}}:",
            "-{{$text}}",
            "+Route: {{$text}}",
        }));
        Assert.That(() => PromptLock.Update(_lockPath, catalog), Throws.TypeOf<PromptLockException>());
    }

    [Test]
    public void Verify_OfOnePromptUsedTwice_IsOneEntry()
    {
        PromptLock.Update(_lockPath, Triage, Triage);

        Assert.That(() => Check(Triage), Throws.Nothing);
    }

    [Test]
    public void Verify_OfTheSameTextWithCrlfLineEnds_Passes_AndTheLockIsWrittenWithLf()
    {
        PromptLock.Update(_lockPath, Triage);
        var crlf = new Prompt("triage", "3", Triage.User.Replace("\n", "\r\n", StringComparison.Ordinal), Triage.System!.Replace("\n", "\r\n", StringComparison.Ordinal));

        Assert.That(() => Check(crlf), Throws.Nothing);
        Assert.That(PromptLock.Update(_lockPath, crlf), Is.False);

        File.WriteAllText(_lockPath, File.ReadAllText(_lockPath).ReplaceLineEndings("\r\n"));
        Assert.That(() => Check(Triage), Throws.Nothing, "a lock checked out with CRLF line ends reads the same");
    }

    [Test]
    public void Verify_WithoutALockFile_FailsSayingHowToCreateIt()
    {
        var ex = Assert.Throws<PromptLockException>(() => Check(Triage));

        Assert.That(ex!.Problems.Single().Kind, Is.EqualTo(PromptLockProblemKind.LockFileMissing));
        Assert.That(ex.Message, Does.Contain($"There is no prompt lock at '{_lockPath}' yet.").And.Contain($"{PromptLock.UpdateEnvironmentVariable}=1"));
        Assert.That(File.Exists(_lockPath), Is.False, "a check never writes the lock");
    }

    [Test]
    public void Verify_WithTheUpdateVariable_WritesTheLockAndPasses()
    {
        Assert.That(PromptLock.Verify(_lockPath, new PromptCatalog().Add(Triage), Environment(("AGENTFLOW_UPDATE_PROMPT_LOCK", "1"))), Is.True);
        var next = new Prompt("triage", "4", "{{$text}}");

        Assert.That(PromptLock.Verify(_lockPath, new PromptCatalog().Add(next, Summary), Environment(("AGENTFLOW_UPDATE_PROMPT_LOCK", "true"))), Is.True);

        Assert.That(() => Check(next, Summary), Throws.Nothing);
    }

    [Test]
    public void Verify_WithTheUpdateVariable_StillFailsOnAnEditWithoutANewVersion()
    {
        PromptLock.Update(_lockPath, Triage);
        var edited = new Prompt("triage", "3", "{{$text}}");

        var ex = Assert.Throws<PromptLockException>(() => PromptLock.Verify(_lockPath, new PromptCatalog().Add(edited), Environment(("AGENTFLOW_UPDATE_PROMPT_LOCK", "1"))));

        Assert.That(ex!.Problems.Single().Kind, Is.EqualTo(PromptLockProblemKind.EditedWithoutNewVersion));
        Assert.That(ex.Message, Does.Contain("was not updated"));
    }

    [TestCase("0")]
    [TestCase("false")]
    [TestCase("")]
    public void Verify_WithTheUpdateVariableOff_Checks(string value)
    {
        var ex = Assert.Throws<PromptLockException>(() => PromptLock.Verify(_lockPath, new PromptCatalog().Add(Triage), Environment(("AGENTFLOW_UPDATE_PROMPT_LOCK", value))));

        Assert.That(ex!.Problems.Single().Kind, Is.EqualTo(PromptLockProblemKind.LockFileMissing));
    }

    [TestCase("CI", "true")]
    [TestCase("TF_BUILD", "True")]
    [TestCase("GITHUB_ACTIONS", "true")]
    public void Verify_WithTheUpdateVariableOnACiServer_IsRefused_AndWritesNothing(string variable, string value)
    {
        var ex = Assert.Throws<InvalidOperationException>(() => PromptLock.Verify(
            _lockPath, new PromptCatalog().Add(Triage), Environment(("AGENTFLOW_UPDATE_PROMPT_LOCK", "1"), (variable, value))));

        Assert.That(ex!.Message, Does.Contain($"this looks like a CI server ({variable} is set)").And.Contain("Remove AGENTFLOW_UPDATE_PROMPT_LOCK"));
        Assert.That(File.Exists(_lockPath), Is.False);
    }

    [Test]
    public void Verify_WithAnUpdateVariableItDoesNotTake_Throws()
    {
        var ex = Assert.Throws<InvalidOperationException>(() => PromptLock.Verify(
            _lockPath, new PromptCatalog().Add(Triage), Environment(("AGENTFLOW_UPDATE_PROMPT_LOCK", "yes"))));

        Assert.That(ex!.Message, Is.EqualTo("AGENTFLOW_UPDATE_PROMPT_LOCK is 'yes': set it to 1 (or true) to update the prompt lock, or leave it unset (or 0) to check it."));
    }

    [TestCase("<<<<<<< HEAD\n{}\n=======\n{}\n>>>>>>> other\n", "it is not valid JSON")]
    [TestCase("{\"formatVersion\": 2, \"prompts\": {}}", "its format version is 2, and this version of AgentFlow reads format 1")]
    [TestCase("{\"prompts\": {}}", "it has no \"formatVersion\"")]
    [TestCase("{\"formatVersion\": 1, \"prompts\": {\"triage\": {\"version\": \"3\"}}}", "the entry of 'triage' needs a \"version\", a \"contentHash\" and the \"user\" text")]
    public void Verify_OfALockItCannotRead_FailsSayingWhy_AndAnUpdateRefusesToOverwriteIt(string text, string why)
    {
        Directory.CreateDirectory(_directory);
        File.WriteAllText(_lockPath, text);

        var ex = Assert.Throws<PromptLockException>(() => Check(Triage));

        Assert.That(ex!.Problems.Single().Kind, Is.EqualTo(PromptLockProblemKind.LockFileInvalid));
        Assert.That(ex.Message, Does.Contain("The prompt lock cannot be read: " + why));
        Assert.That(ex.Problems.Single().FixedByUpdate, Is.False, "an update would accept any edit made meanwhile");
        var refused = Assert.Throws<PromptLockException>(() => PromptLock.Update(_lockPath, Triage));
        Assert.That(refused!.Message, Does.Contain("delete it to lock the prompts as they are now"));
        Assert.That(File.ReadAllText(_lockPath), Is.EqualTo(text), "the unreadable lock is left as it was");

        File.Delete(_lockPath);
        Assert.That(PromptLock.Update(_lockPath, Triage), Is.True);
        Assert.That(() => Check(Triage), Throws.Nothing);
    }

    [Test]
    public void Verify_OfALockWhoseTextWasEditedByHand_FailsAsUnreadable()
    {
        PromptLock.Update(_lockPath, Triage);
        File.WriteAllText(_lockPath, File.ReadAllText(_lockPath).Replace("Answer with the team only.", "Answer in one word.", StringComparison.Ordinal));

        var ex = Assert.Throws<PromptLockException>(() => Check(Triage));

        Assert.That(ex!.Message, Does.Contain("the text of 'triage' does not match its \"contentHash\" (was the text edited by hand?)"));
    }

    [Test]
    public void Verify_OfNoPrompt_Throws()
    {
        var ex = Assert.Throws<ArgumentException>(() => PromptLock.Verify(_lockPath, Flow.Define<string>("plain").Then("trim", (string s) => s.Trim()).Build()));

        Assert.That(ex!.Message, Does.StartWith("There is no prompt to lock: the flows and tasks given hold no prompt or agent task."));
    }

    [Test]
    public void BesideSource_ResolvesFromTheCallingSourceFilesDirectory()
    {
        var path = PromptLock.BesideSource();

        Assert.That(path, Is.EqualTo(Path.Combine(Path.GetDirectoryName(ThisFile())!, "prompts.lock.json")));
    }

    private static string ThisFile([System.Runtime.CompilerServices.CallerFilePath] string path = "") => path;

    private void Check(params Prompt[] prompts) => Check(new PromptCatalog().Add(prompts));

    private void Check(PromptCatalog catalog) => PromptLock.Verify(_lockPath, catalog, _ => null);

    private static Func<string, string?> Environment(params (string Name, string Value)[] variables)
        => name => variables.Where(v => v.Name == name).Select(v => v.Value).FirstOrDefault();
}
