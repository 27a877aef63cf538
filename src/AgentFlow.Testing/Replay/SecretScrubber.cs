using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace AgentFlow.Testing;

/// <summary>Replaces secrets in every string of a JSON tree with <see cref="ReplayChatClient.ScrubbedPlaceholder"/>.</summary>
internal sealed partial class SecretScrubber
{
    private const int MinimumEnvironmentSecretLength = 8;

    /// <summary>Property names (lowercase, without <c>-</c> and <c>_</c>) whose string value is a credential.</summary>
    private static readonly HashSet<string> CredentialNames = new(StringComparer.Ordinal)
    {
        "authorization", "proxyauthorization", "apikey", "xapikey", "apitoken", "accesstoken", "refreshtoken", "idtoken",
        "clientsecret", "password", "passwd", "secret", "secretkey", "privatekey", "ocpapimsubscriptionkey", "xgoogapikey",
        "cookie", "setcookie",
    };

    private readonly string[] _literals;
    private readonly Regex[] _patterns;
    private readonly bool _common;

    private SecretScrubber(string[] literals, Regex[] patterns, bool common)
    {
        // Longest first, so a secret that contains another is replaced whole.
        _literals = [.. literals.Distinct(StringComparer.Ordinal).OrderByDescending(s => s.Length)];
        _patterns = patterns;
        _common = common;
    }

    /// <summary>The scrubber <paramref name="options"/> describe; a bad entry throws naming it.</summary>
    public static SecretScrubber Create(ReplayChatClientOptions options)
    {
        List<string> literals = [];
        for (var i = 0; i < options.Secrets.Count; i++)
        {
            literals.Add(string.IsNullOrEmpty(options.Secrets[i])
                ? throw new ArgumentException(
                    $"ReplayChatClientOptions.Secrets[{i}] is {(options.Secrets[i] is null ? "null" : "empty")}: give the secret's value, or leave it out "
                    + "(a secret read from a variable that may be unset belongs in SecretEnvironmentVariables).",
                    nameof(options))
                : options.Secrets[i]);
        }

        for (var i = 0; i < options.SecretEnvironmentVariables.Count; i++)
        {
            var name = options.SecretEnvironmentVariables[i];
            if (string.IsNullOrWhiteSpace(name))
            {
                throw new ArgumentException($"ReplayChatClientOptions.SecretEnvironmentVariables[{i}] is null or empty: give a variable name.", nameof(options));
            }

            if (Environment.GetEnvironmentVariable(name) is { Length: >= MinimumEnvironmentSecretLength } value)
            {
                literals.Add(value);
            }
        }

        for (var i = 0; i < options.SecretPatterns.Count; i++)
        {
            var pattern = options.SecretPatterns[i]
                ?? throw new ArgumentException($"ReplayChatClientOptions.SecretPatterns[{i}] is null.", nameof(options));
            if (pattern.IsMatch(string.Empty))
            {
                throw new ArgumentException(
                    $"ReplayChatClientOptions.SecretPatterns[{i}] ('{pattern}') matches the empty string, so it would scrub between every two characters. "
                    + "Make it match at least one character (use + rather than *).",
                    nameof(options));
            }
        }

        return new SecretScrubber([.. literals], [.. options.SecretPatterns], options.ScrubCommonSecrets);
    }

    /// <summary>Scrubs <paramref name="node"/>: objects and arrays in place; a string value is returned scrubbed, as a new value.</summary>
    public JsonNode? Scrub(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var name in obj.Select(p => p.Key).ToList())
                {
                    var child = obj[name];
                    var scrubbed = _common && child is JsonValue value && value.GetValueKind() == JsonValueKind.String && IsCredentialName(name)
                        ? JsonValue.Create(ReplayChatClient.ScrubbedPlaceholder)
                        : Scrub(child);
                    if (!ReferenceEquals(scrubbed, child))
                    {
                        obj[name] = scrubbed;
                    }
                }

                return obj;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    var child = array[i];
                    var scrubbed = Scrub(child);
                    if (!ReferenceEquals(scrubbed, child))
                    {
                        array[i] = scrubbed;
                    }
                }

                return array;
            case JsonValue value when value.GetValueKind() == JsonValueKind.String:
                var text = value.TryGetValue<string>(out var str) ? str : value.Deserialize<string>(CassetteJson.Options)!;
                var clean = Scrub(text);
                return text == clean ? value : JsonValue.Create(clean);
            default:
                return node;
        }
    }

    /// <summary>The text with every secret replaced.</summary>
    public string Scrub(string text)
    {
        foreach (var literal in _literals)
        {
            text = text.Replace(literal, ReplayChatClient.ScrubbedPlaceholder, StringComparison.Ordinal);
        }

        foreach (var pattern in _patterns)
        {
            text = pattern.Replace(text, ReplayChatClient.ScrubbedPlaceholder);
        }

        return _common ? CommonSecret().Replace(text, ReplayChatClient.ScrubbedPlaceholder) : text;
    }

    private static bool IsCredentialName(string name)
        => CredentialNames.Contains(name.Replace("-", string.Empty, StringComparison.Ordinal).Replace("_", string.Empty, StringComparison.Ordinal).ToLowerInvariant());

    /// <summary>Well-known secret shapes; lookbehinds keep the scheme or parameter name and replace only the secret.</summary>
    [GeneratedRegex(
        @"(?<=\b(?:Bearer|Basic)\s+)[A-Za-z0-9\-._~+/]{16,}=*"
        + @"|\bsk-[A-Za-z0-9][A-Za-z0-9_\-]{19,}"
        + @"|\bAKIA[0-9A-Z]{16}\b"
        + @"|\bgh[pousr]_[A-Za-z0-9]{30,}"
        + @"|\bgithub_pat_[A-Za-z0-9_]{22,}"
        + @"|\bAIza[0-9A-Za-z\-_]{35}"
        + @"|\bxox[abposr]-[A-Za-z0-9\-]{10,}"
        + @"|\beyJ[A-Za-z0-9_\-]{8,}\.eyJ[A-Za-z0-9_\-]{8,}\.[A-Za-z0-9_\-]{8,}"
        + @"|(?<=[?&](?i:api[-_]?key|key|access[-_]?token|sig)=)[^&#\s""']+",
        RegexOptions.CultureInvariant)]
    private static partial Regex CommonSecret();
}
