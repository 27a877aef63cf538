namespace AgentFlow.Evaluation;

/// <summary>
/// The percentile bootstrap of the composability gap: the table's cases resampled with replacement, the gap of each
/// resample, and the 2.5th and 97.5th nearest-rank percentiles of the gaps. Deterministic for a seed, on any machine:
/// the resampling draws from a SplitMix64 generator of its own, not from <see cref="Random"/>.
/// </summary>
internal static class Bootstrap
{
    public static GapEstimate Gap(CompositionTable table, int resamples, int seed)
    {
        var subTasksRight = table.BothRight + table.SubTasksRightFinalWrong;
        if (subTasksRight == 0)
        {
            return new GapEstimate { GapCases = 0, SubTasksRightCases = 0, Resamples = 0, UndefinedResamples = 0, Seed = seed };
        }

        // The cases as ranges of indices: [0, both right), [both right, sub-tasks right), then every other case.
        var n = table.Cases;
        var random = new SplitMix64(seed);
        var gaps = new double[resamples];
        var defined = 0;
        for (var r = 0; r < resamples; r++)
        {
            int right = 0, wrong = 0;
            for (var i = 0; i < n; i++)
            {
                var drawn = random.NextBelow(n);
                if (drawn < table.BothRight)
                {
                    right++;
                }
                else if (drawn < subTasksRight)
                {
                    wrong++;
                }
            }

            if (right + wrong > 0)
            {
                gaps[defined++] = wrong / (double)(right + wrong);
            }
        }

        ConfidenceInterval? interval = null;
        if (defined > 0)
        {
            Array.Sort(gaps, 0, defined);
            interval = new ConfidenceInterval(NearestRank(gaps, defined, 0.025), NearestRank(gaps, defined, 0.975), 0.95);
        }

        return new GapEstimate
        {
            GapCases = table.SubTasksRightFinalWrong,
            SubTasksRightCases = subTasksRight,
            Interval = interval,
            Resamples = resamples,
            UndefinedResamples = resamples - defined,
            Seed = seed,
        };
    }

    /// <summary>The value at rank ⌈fraction × count⌉ (from 1) of the first <paramref name="count"/> sorted values.</summary>
    private static double NearestRank(double[] sorted, int count, double fraction)
        => sorted[Math.Clamp((int)Math.Ceiling(fraction * count), 1, count) - 1];

    /// <summary>SplitMix64 (Steele, Lea and Flood 2014), with Lemire's unbiased bounded draws.</summary>
    private struct SplitMix64(int seed)
    {
        private ulong _state = unchecked((ulong)(long)seed);

        public int NextBelow(int bound)
        {
            var limit = (ulong)bound;
            var product = (UInt128)Next() * limit;
            var low = (ulong)product;
            if (low < limit)
            {
                var threshold = (0UL - limit) % limit;
                while (low < threshold)
                {
                    product = (UInt128)Next() * limit;
                    low = (ulong)product;
                }
            }

            return (int)(ulong)(product >> 64);
        }

        private ulong Next()
        {
            var z = _state += 0x9E3779B97F4A7C15UL;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }
    }
}
