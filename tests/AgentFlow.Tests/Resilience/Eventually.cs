namespace AgentFlow.Tests.Resilience;

/// <summary>Waits, bounded by real time, for a condition that background work makes true after a fake clock moves.</summary>
internal static class Eventually
{
    public static async Task True(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(5);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"Timed out waiting for {what}.");
            }

            await Task.Delay(1);
        }
    }

    /// <summary>Gives continuations scheduled by a clock move a chance to run, then checks that nothing happened.</summary>
    public static async Task Still(Func<bool> condition, string what)
    {
        for (var i = 0; i < 20; i++)
        {
            await Task.Delay(1);
        }

        Assert.That(condition(), Is.True, what);
    }
}
