using System.Text.RegularExpressions;

namespace AgentFlow.Testing;

/// <summary>Options of a <see cref="ReplayChatClient"/>: its mode, and the secrets kept out of its cassette.</summary>
/// <remarks>
/// The client reads these once, when it is created; changing them afterwards has no effect on it. Scrubbing replaces a
/// secret with <see cref="ReplayChatClient.ScrubbedPlaceholder"/> in every string of the recorded request and
/// response, and the request's key is computed on the scrubbed request, so a replay that sends the same secret still
/// finds its recording.
/// </remarks>
public sealed class ReplayChatClientOptions
{
    /// <summary>The default name of the environment variable that overrides <see cref="Mode"/>.</summary>
    public const string DefaultModeEnvironmentVariable = "AGENTFLOW_CASSETTE_MODE";

    /// <summary>Gets or sets the mode, unless the environment variable named by <see cref="ModeEnvironmentVariable"/> says otherwise.</summary>
    /// <value>Defaults to <see cref="CassetteMode.Replay"/>.</value>
    public CassetteMode Mode { get; set; } = CassetteMode.Replay;

    /// <summary>
    /// Gets or sets the environment variable whose value (<c>record</c>, <c>replay</c> or <c>auto</c>, in any case), when
    /// set and not empty, overrides <see cref="Mode"/>: set it to <c>record</c> or <c>auto</c> to re-record cassettes
    /// with a real model, and to <c>replay</c> in CI so that no test ever calls one. Any other value fails the client's
    /// creation. <see langword="null"/> ignores the environment.
    /// </summary>
    /// <value>Defaults to <see cref="DefaultModeEnvironmentVariable"/>, <c>AGENTFLOW_CASSETTE_MODE</c>.</value>
    public string? ModeEnvironmentVariable { get; set; } = DefaultModeEnvironmentVariable;

    /// <summary>Gets literal secrets (API keys, passwords, tokens) replaced wherever they occur, ordinal and case-sensitive.</summary>
    /// <value>Empty by default. An entry that is null or empty fails the client's creation.</value>
    public IList<string> Secrets { get; } = [];

    /// <summary>Gets patterns whose every match is replaced.</summary>
    /// <value>Empty by default. A pattern that matches the empty string fails the client's creation.</value>
    public IList<Regex> SecretPatterns { get; } = [];

    /// <summary>
    /// Gets the names of environment variables whose values are secrets, replaced like <see cref="Secrets"/> when the
    /// variable is set to a value of 8 characters or more (a shorter value is too common a string to replace).
    /// </summary>
    /// <value>
    /// Defaults to the API key variables of common providers: <c>OPENAI_API_KEY</c>, <c>AZURE_OPENAI_API_KEY</c>,
    /// <c>AZURE_OPENAI_KEY</c>, <c>ANTHROPIC_API_KEY</c>, <c>GEMINI_API_KEY</c>, <c>GOOGLE_API_KEY</c>,
    /// <c>MISTRAL_API_KEY</c>, <c>HF_TOKEN</c> and <c>GITHUB_TOKEN</c>.
    /// </value>
    public IList<string> SecretEnvironmentVariables { get; } =
    [
        "OPENAI_API_KEY",
        "AZURE_OPENAI_API_KEY",
        "AZURE_OPENAI_KEY",
        "ANTHROPIC_API_KEY",
        "GEMINI_API_KEY",
        "GOOGLE_API_KEY",
        "MISTRAL_API_KEY",
        "HF_TOKEN",
        "GITHUB_TOKEN",
    ];

    /// <summary>
    /// Gets or sets a value indicating whether well-known secret shapes are replaced too: the value of any JSON property
    /// named like a credential (<c>Authorization</c>, <c>api-key</c>, <c>x-api-key</c>, <c>apiKey</c>, <c>password</c>,
    /// <c>client_secret</c>, <c>access_token</c>, <c>refresh_token</c>, ...), the token after <c>Bearer</c> or
    /// <c>Basic</c>, keys shaped like OpenAI and Anthropic (<c>sk-...</c>), AWS (<c>AKIA...</c>), GitHub (<c>ghp_...</c>,
    /// <c>github_pat_...</c>), Google (<c>AIza...</c>) and Slack (<c>xoxb-...</c>) keys, JSON web tokens, and
    /// <c>api-key=</c>, <c>key=</c>, <c>access_token=</c> and <c>sig=</c> query parameters.
    /// </summary>
    /// <value>Defaults to <see langword="true"/>.</value>
    public bool ScrubCommonSecrets { get; set; } = true;
}
