using AgentFlow.Evaluation;
using Microsoft.Data.Sqlite;

namespace AgentFlow.Tests.Evaluation.History;

/// <summary>A history file in a fresh temporary folder of its own, deleted with the test.</summary>
internal sealed class TempHistoryFile : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "agentflow-tests", Guid.NewGuid().ToString("N"));

    public TempHistoryFile(string name = "history.db") => FilePath = Path.Combine(_directory, name);

    public string FilePath { get; }

    public EvalHistory Open(EvalHistoryOptions? options = null) => new(FilePath, options);

    /// <summary>Runs one statement on the file directly, as another program would.</summary>
    public void Execute(string sql)
    {
        using var connection = Connect();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    /// <summary>Reads one value from the file directly.</summary>
    public object? Scalar(string sql)
    {
        using var connection = Connect();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    private SqliteConnection Connect()
    {
        Directory.CreateDirectory(_directory);
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = FilePath, Pooling = false }.ToString());
        connection.Open();
        return connection;
    }
}
