using System.ClientModel;
using AgentFlow;
using Microsoft.Extensions.AI;
using OpenAI;

namespace CompositionalQA;

/// <summary>A chat client and how to describe it to the user.</summary>
/// <param name="Client">The client the flows' prompt tasks and route decisions ask.</param>
/// <param name="Description">Which model it is, to print.</param>
public sealed record ChatModel(IChatClient Client, string Description);

/// <summary>Chooses the model: a real OpenAI-compatible one when <c>OPENAI_API_KEY</c> is set, else the scripted one.</summary>
public static class ChatModels
{
    /// <summary>The model used when <c>OPENAI_MODEL</c> is not set.</summary>
    public const string DefaultModel = "gpt-4o-mini";

    /// <summary>
    /// Prices per million tokens, in US dollars, for the cost in each run's record. The scripted model is priced like
    /// gpt-4o-mini, to show what the same calls would cost; add your own model's price here.
    /// </summary>
    public static IReadOnlyDictionary<string, ModelPrice> Prices { get; } = new Dictionary<string, ModelPrice>
    {
        ["gpt-4o-mini"] = new(InputPerMillionTokens: 0.15m, OutputPerMillionTokens: 0.60m),
        ["gpt-4o"] = new(InputPerMillionTokens: 2.50m, OutputPerMillionTokens: 10m),
        [ScriptedQaModel.ModelId] = new(InputPerMillionTokens: 0.15m, OutputPerMillionTokens: 0.60m),
    };

    /// <summary>
    /// Reads <c>OPENAI_API_KEY</c>, <c>OPENAI_MODEL</c> (default <see cref="DefaultModel"/>) and <c>OPENAI_BASE_URL</c>
    /// (an OpenAI-compatible endpoint; the OpenAI API when unset).
    /// </summary>
    /// <returns>The chosen model.</returns>
    /// <exception cref="InvalidOperationException"><c>OPENAI_BASE_URL</c> is not an absolute URL.</exception>
    public static ChatModel FromEnvironment()
    {
        var key = Environment.GetEnvironmentVariable("OPENAI_API_KEY");
        if (string.IsNullOrWhiteSpace(key))
        {
            return new ChatModel(
                ScriptedQaModel.Create(),
                """
                Model: scripted, offline. No real LLM is called: ScriptedQaModel answers every model call by rule,
                       with planted mistakes, the same on every run.
                       To use a real model, set OPENAI_API_KEY (and optionally OPENAI_MODEL, default gpt-4o-mini, and
                       OPENAI_BASE_URL for any OpenAI-compatible endpoint), then run this again.
                """);
        }

        var model = Environment.GetEnvironmentVariable("OPENAI_MODEL") is { Length: > 0 } name ? name : DefaultModel;
        var options = new OpenAIClientOptions();
        var baseUrl = Environment.GetEnvironmentVariable("OPENAI_BASE_URL");
        if (!string.IsNullOrWhiteSpace(baseUrl))
        {
            options.Endpoint = Uri.TryCreate(baseUrl, UriKind.Absolute, out var endpoint)
                ? endpoint
                : throw new InvalidOperationException($"OPENAI_BASE_URL is not an absolute URL: '{baseUrl}'.");
        }

        var client = new OpenAI.Chat.ChatClient(model, new ApiKeyCredential(key), options).AsIChatClient();
        return new ChatModel(client, $"Model: {model} at {options.Endpoint?.ToString() ?? "the OpenAI API"} (from OPENAI_API_KEY).");
    }
}
