using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;
using Polly.Timeout;

namespace AgentFlow;

/// <summary>
/// The resilience pipeline of each model: total timeout, then retry, then circuit breaker, then attempt timeout. One
/// pipeline per client instance, model id, options and clock, kept as long as the client lives, so that the circuit
/// breaker sees every run's calls to that model.
/// </summary>
internal static class ModelPipelines
{
    /// <summary>The conversation an attempt belongs to, so that shared pipelines report retries to the right record.</summary>
    public static readonly ResiliencePropertyKey<ModelConversation> Conversation = new("AgentFlow.ModelConversation");

    private static readonly ConditionalWeakTable<IChatClient, ConcurrentDictionary<PipelineKey, ResiliencePipeline<ChatResponse>>> Pipelines = [];

    public static ResiliencePipeline<ChatResponse> For(IChatClient client, string? modelId, ModelResilienceOptions options, TimeProvider time)
        => Pipelines.GetValue(client, static _ => new ConcurrentDictionary<PipelineKey, ResiliencePipeline<ChatResponse>>())
            .GetOrAdd(new PipelineKey(modelId, options, time), static key => Build(key.Options, key.Time));

    private static ResiliencePipeline<ChatResponse> Build(ModelResilienceOptions options, TimeProvider time)
    {
        var builder = new ResiliencePipelineBuilder<ChatResponse> { TimeProvider = time };
        if (options.TotalTimeout is { } total)
        {
            builder.AddTimeout(total);
        }

        if (options.MaxRetries > 0)
        {
            builder.AddRetry(new RetryStrategyOptions<ChatResponse>
            {
                MaxRetryAttempts = options.MaxRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = options.UseJitter,
                Delay = options.BaseDelay,
                MaxDelay = options.MaxDelay,
                ShouldHandle = args => ValueTask.FromResult(
                    args.Outcome.Exception is { } ex
                    && TransientFailures.IsTransient(ex, options, args.Context.CancellationToken)
                    && !(TransientFailures.RetryAfter(ex, time.GetUtcNow()) > options.MaxRetryAfter)),
                DelayGenerator = args => ValueTask.FromResult(TransientFailures.RetryAfter(args.Outcome.Exception, time.GetUtcNow())),
                OnRetry = args =>
                {
                    if (args.Context.Properties.TryGetValue(Conversation, out var conversation))
                    {
                        conversation.Retrying(args.AttemptNumber + 1, args.RetryDelay, args.Outcome.Exception);
                    }

                    return default;
                },
            });
        }

        if (options.CircuitBreaker)
        {
            builder.AddCircuitBreaker(new CircuitBreakerStrategyOptions<ChatResponse>
            {
                FailureRatio = options.BreakerFailureRatio,
                MinimumThroughput = options.BreakerMinimumThroughput,
                SamplingDuration = options.BreakerSamplingDuration,
                BreakDuration = options.BreakDuration,
                ShouldHandle = args => ValueTask.FromResult(
                    args.Outcome.Exception is { } ex && TransientFailures.IsTransient(ex, options, args.Context.CancellationToken)),
            });
        }

        if (options.AttemptTimeout is { } attempt)
        {
            builder.AddTimeout(new TimeoutStrategyOptions { Timeout = attempt });
        }

        return builder.Build();
    }

    private readonly record struct PipelineKey(string? ModelId, ModelResilienceOptions Options, TimeProvider Time);
}
