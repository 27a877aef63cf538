using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.Extensions.AI;

namespace AgentFlow.Testing;

/// <summary>The serializer settings of cassettes: Microsoft.Extensions.AI's own for its types, and a readable file.</summary>
internal static class CassetteJson
{
    /// <summary>
    /// <see cref="AIJsonUtilities.DefaultOptions"/> (which knows <see cref="AIContent"/>'s subtypes, <see cref="ChatMessage"/>,
    /// <see cref="ChatResponse"/> and <see cref="ChatResponseUpdate"/>), writing text unescaped where JSON allows, so a
    /// cassette reads as the conversation did.
    /// </summary>
    public static readonly JsonSerializerOptions Options = Create(indented: false);

    /// <summary>The same, indented by two spaces with <c>\n</c> line endings on every platform: the cassette file.</summary>
    public static readonly JsonSerializerOptions File = Create(indented: true);

    private static JsonSerializerOptions Create(bool indented)
    {
        var options = new JsonSerializerOptions(AIJsonUtilities.DefaultOptions)
        {
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            WriteIndented = indented,
            IndentSize = 2,
            NewLine = "\n",
        };
        options.MakeReadOnly();
        return options;
    }
}
