using AgentFlow.Testing;
using Microsoft.Extensions.AI;

namespace AgentFlow.Tests.Testing;

/// <summary>A cassette file in a fresh temporary directory of its own, deleted with the test.</summary>
internal sealed class TempCassette : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "agentflow-tests", Guid.NewGuid().ToString("N"));

    public TempCassette(string name = "cassette.json") => FilePath = Path.Combine(_directory, name);

    public string FilePath { get; }

    public bool Exists => File.Exists(FilePath);

    public string Text => File.ReadAllText(FilePath);

    /// <summary>Options with <paramref name="mode"/> that ignore the environment, so no machine's variables change a test.</summary>
    public static ReplayChatClientOptions Options(CassetteMode mode) => new() { Mode = mode, ModeEnvironmentVariable = null };

    public Cassette Open() => Cassette.Open(FilePath);

    /// <summary>A client on a freshly opened cassette, as a new test run would have.</summary>
    public ReplayChatClient Client(CassetteMode mode, IChatClient? inner = null, Action<ReplayChatClientOptions>? configure = null)
    {
        var options = Options(mode);
        configure?.Invoke(options);
        return new ReplayChatClient(Open(), inner, options);
    }

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }
}
