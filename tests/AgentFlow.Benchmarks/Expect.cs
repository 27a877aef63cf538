namespace AgentFlow.Benchmarks;

/// <summary>Checks, before measuring, that every variant of a shape does the same work and gets the same result.</summary>
internal static class Expect
{
    public static void Equal<T>(T expected, params Task<T>[] variants)
    {
        for (var i = 0; i < variants.Length; i++)
        {
            var actual = variants[i].GetAwaiter().GetResult();
            if (!EqualityComparer<T>.Default.Equals(actual, expected))
            {
                throw new InvalidOperationException($"Variant {i} returned {actual}, expected {expected}: the shapes do not do the same work.");
            }
        }
    }
}
