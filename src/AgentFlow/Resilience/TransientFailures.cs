using System.ClientModel;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace AgentFlow;

/// <summary>Which model-call failures are worth another attempt or another model, and how long the provider asked us to wait.</summary>
internal static class TransientFailures
{
    /// <summary>
    /// Whether sending the same request again may succeed: HTTP 408, 429 and 5xx (from <see cref="HttpRequestException"/>
    /// or System.ClientModel's <see cref="ClientResultException"/>, which OpenAI and Azure clients throw), no response at
    /// all, connection and I/O errors, and timeouts that are not the caller's cancellation.
    /// </summary>
    public static bool IsTransient(Exception exception, ModelResilienceOptions options, CancellationToken callerToken)
    {
        if (exception is FlowRunException)
        {
            return false; // a budget exceeded or a node failure of our own: another attempt would not help
        }

        if (options.IsTransient?.Invoke(exception) == true)
        {
            return true; // the caller's own test adds to the built-in ones, whatever they say
        }

        for (var current = exception; current is not null; current = current.InnerException)
        {
            switch (current)
            {
                case TimeoutRejectedException:
                    return true;
                case OperationCanceledException:
                    // A client's own timeout surfaces as a cancellation the caller did not ask for.
                    return !callerToken.IsCancellationRequested;
                case ClientResultException result:
                    return result.Status == 0 || IsTransientStatus(result.Status);
                case HttpRequestException http:
                    return http.StatusCode is not { } status || IsTransientStatus((int)status);
                case SocketException or IOException:
                    return true;
            }
        }

        return false;
    }

    /// <summary>Whether the next model of a fallback chain should be asked: the failure was transient, or the model's circuit is open.</summary>
    public static bool WarrantsFallback(Exception exception, ModelResilienceOptions options, CancellationToken callerToken)
        => exception is BrokenCircuitException || IsTransient(exception, options, callerToken);

    /// <summary>The wait a provider asked for in a <c>retry-after-ms</c> or <c>Retry-After</c> header (seconds or an HTTP date), if any.</summary>
    public static TimeSpan? RetryAfter(Exception? exception, DateTimeOffset now)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (current is ClientResultException result && result.GetRawResponse() is { } response)
            {
                if (response.Headers.TryGetValue("retry-after-ms", out var milliseconds)
                    && double.TryParse(milliseconds, NumberStyles.Float, CultureInfo.InvariantCulture, out var ms) && ms >= 0)
                {
                    return TimeSpan.FromMilliseconds(ms);
                }

                if (response.Headers.TryGetValue("Retry-After", out var retryAfter) && Parse(retryAfter, now) is { } wait)
                {
                    return wait;
                }
            }
        }

        return null;
    }

    private static TimeSpan? Parse(string? value, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds))
        {
            return seconds >= 0 ? TimeSpan.FromSeconds(seconds) : null;
        }

        return DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date)
            ? date > now ? date - now : TimeSpan.Zero
            : null;
    }

    private static bool IsTransientStatus(int status)
        => status is (int)HttpStatusCode.RequestTimeout or (int)HttpStatusCode.TooManyRequests or >= 500 and < 600;
}
