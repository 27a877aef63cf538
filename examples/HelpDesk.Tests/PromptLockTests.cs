using AgentFlow;
using AgentFlow.Evaluation;

namespace HelpDesk.Tests;

/// <summary>
/// Every prompt the help desk ships matches prompts.lock.json: a prompt's text cannot change without a new version.
/// After a deliberate change with a new version, run the tests once with AGENTFLOW_UPDATE_PROMPT_LOCK=1 and commit the lock.
/// </summary>
public sealed class PromptLockTests
{
    [Test]
    public void ShippedPrompts_MatchTheLock()
        => PromptLock.Verify(PromptLock.BesideSource("prompts.lock.json"), new PromptCatalog().Add(HelpDeskTasks.Triage()));

    [Test]
    public void AnEditWithoutANewVersion_IsCaught_WithTheDiff()
    {
        var lockFile = Path.Combine(TestContext.CurrentContext.WorkDirectory, $"prompts-{Guid.NewGuid():N}.lock.json");
        try
        {
            PromptLock.Update(lockFile, TriagePrompts.V2);
            var edited = new Prompt("triage", "2", TriagePrompts.V2.User, TriagePrompts.V2.System!.Replace("otherwise Low", "otherwise Medium", StringComparison.Ordinal));

            var ex = Assert.Throws<PromptLockException>(() => PromptLock.Verify(lockFile, edited));

            Assert.That(ex!.Message, Does.Contain("triage").And.Contain("otherwise Medium").And.Contain("otherwise Low"));
        }
        finally
        {
            File.Delete(lockFile);
        }
    }
}
