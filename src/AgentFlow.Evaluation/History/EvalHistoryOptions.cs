namespace AgentFlow.Evaluation;

/// <summary>How an <see cref="EvalHistory"/> keeps its runs and waits for other writers.</summary>
public sealed class EvalHistoryOptions
{
    /// <summary>The longest <see cref="BusyTimeout"/> allowed.</summary>
    public static readonly TimeSpan MaxBusyTimeout = TimeSpan.FromMinutes(10);

    private int? _maxRunsPerTask;
    private TimeSpan _busyTimeout = TimeSpan.FromSeconds(30);
    private TimeProvider _timeProvider = TimeProvider.System;

    /// <summary>
    /// Gets or sets how many runs of each task the history keeps: after each save, the runs of the saved report's task
    /// beyond the most recently saved <see cref="MaxRunsPerTask"/> are deleted, with their cases, so the file does not
    /// grow forever. <see cref="EvalHistory.PruneAsync"/> applies a limit to every task at once.
    /// </summary>
    /// <value>Defaults to <see langword="null"/>: every run is kept until deleted. Allowed range: 1 or more.</value>
    /// <exception cref="ArgumentOutOfRangeException">The value is zero or negative.</exception>
    public int? MaxRunsPerTask
    {
        get => _maxRunsPerTask;
        set
        {
            if (value is < 1)
            {
                throw new ArgumentOutOfRangeException(nameof(value), value, "EvalHistoryOptions.MaxRunsPerTask must be 1 or more, or null to keep every run.");
            }

            _maxRunsPerTask = value;
        }
    }

    /// <summary>
    /// Gets or sets how long a call waits for another connection (another thread or process) that holds the file's
    /// write lock before it fails with the database's "busy" error.
    /// </summary>
    /// <value>Defaults to 30 seconds, rounded up to whole seconds. Allowed range: above zero, up to 10 minutes.</value>
    /// <exception cref="ArgumentOutOfRangeException">The value is zero, negative, or longer than 10 minutes.</exception>
    public TimeSpan BusyTimeout
    {
        get => _busyTimeout;
        set
        {
            if (value <= TimeSpan.Zero || value > MaxBusyTimeout)
            {
                throw new ArgumentOutOfRangeException(nameof(value), value, "EvalHistoryOptions.BusyTimeout must be above zero and at most 10 minutes.");
            }

            _busyTimeout = value;
        }
    }

    /// <summary>Gets or sets the clock that stamps when each run was saved (<see cref="EvalRunInfo.SavedAt"/>).</summary>
    /// <value>Defaults to <see cref="TimeProvider.System"/>.</value>
    public TimeProvider TimeProvider
    {
        get => _timeProvider;
        set => _timeProvider = value ?? throw new ArgumentNullException(nameof(value));
    }
}
