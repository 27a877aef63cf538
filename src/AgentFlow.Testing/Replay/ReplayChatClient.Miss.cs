using System.Globalization;
using System.Text;

namespace AgentFlow.Testing;

/// <summary>The error of a request the cassette has no recording left for: what was asked, what is closest, how to fix it.</summary>
public sealed partial class ReplayChatClient
{
    private const int DifferencesShown = 8;

    private CassetteMissException Miss(PreparedRequest request, int recorded)
    {
        var caller = LlmCallContext.Current;
        var text = new StringBuilder().Append(CultureInfo.InvariantCulture,
            $"Cassette miss: '{Cassette.FilePath}' has no recording left for request {request.Key} ({(request.Canonical["model"] is { } model ? $"model {model.ToJsonString()}" : "no model id")}, "
            + $"{request.MessageCount} message(s){(caller is null ? string.Empty : $", asked by node '{caller.NodePath}' for {caller.Purpose}")}).");
        string? closestKey = null;
        IReadOnlyList<CassetteDifference> differences = [];
        var entries = Cassette.Entries();
        if (recorded > 0)
        {
            closestKey = request.Key;
            text.Append(CultureInfo.InvariantCulture,
                $" This exact request was recorded {recorded} time(s) and every recording has been replayed: each recording answers once, in the order "
                + $"recorded, and this is request {recorded + 1} with this key, so the code now makes it more often than when it was recorded.");
        }
        else if (entries.Count == 0)
        {
            text.Append(Cassette.Existed ? " The cassette holds no recordings." : " The cassette's file does not exist, so it holds no recordings.");
        }
        else if (RequestDiff.Closest(entries, request.Canonical) is var (entry, index, found))
        {
            closestKey = entry.Key;
            differences = found;
            text.Append(CultureInfo.InvariantCulture,
                $" The closest recording is entry {index} of {entries.Count} (key {entry.Key}); it differs in {found.Count} place(s), recorded vs actual:");
            foreach (var difference in found.Take(DifferencesShown))
            {
                text.Append("\n  ").Append(difference);
            }

            if (found.Count > DifferencesShown)
            {
                text.Append(CultureInfo.InvariantCulture, $"\n  ... and {found.Count - DifferencesShown} more.");
            }
        }

        text.Append("\nIf the change is meant, re-record: give the client the real model as its inner client with CassetteMode.Record (records the whole cassette anew) "
            + "or CassetteMode.Auto (records what is missing, keeps the rest)");
        text.Append(_modeVariable is null ? ". " : $", or run the test with the environment variable {_modeVariable}=record (or auto) and a real model. ");
        text.Append("If it is not, change the request back.");
        return new CassetteMissException(text.ToString(), Cassette.FilePath, request.Key, closestKey, differences);
    }
}
