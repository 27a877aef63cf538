using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.AI;
using Microsoft.SemanticKernel;

namespace AgentFlow;

/// <summary>
/// How a prompt or agent task calls the model, how often it may repair a reply that does not validate, and, for an
/// agent task, which tools the model may call and how many rounds of calls it may make.
/// </summary>
public sealed class PromptTaskOptions : ModelCallOptions
{
    private int _maxRepairs = 2;
    private int _samples = 1;
    private int _maxToolRounds = 5;
    private List<AITool> _tools = [];
    private JsonSerializerOptions _serializerOptions = DefaultSerializerOptions;

    /// <summary>Gets the serializer options used when none are set: web defaults (camelCase) and enums as strings.</summary>
    public static JsonSerializerOptions DefaultSerializerOptions { get; } = CreateDefaults();

    /// <summary>
    /// Gets or sets how many times a reply that does not parse or validate is sent back with the errors. Repairs are
    /// counted apart from transport retries.
    /// </summary>
    /// <value>Defaults to 2, so at most 3 model calls per run of the task. Allowed range: 0 to 10.</value>
    /// <exception cref="ArgumentOutOfRangeException">The value is outside 0 to 10.</exception>
    public int MaxRepairs
    {
        get => _maxRepairs;
        set
        {
            if (value is < 0 or > 10)
            {
                throw new ArgumentOutOfRangeException(nameof(value), value, "PromptTaskOptions.MaxRepairs must be between 0 and 10.");
            }

            _maxRepairs = value;
        }
    }

    /// <summary>
    /// Gets or sets a value indicating whether the model reasons step by step before answering: the reply gets a
    /// <c>reasoning</c> field, kept out of the typed output and recorded in <see cref="LlmCallRecord.Reasoning"/>.
    /// </summary>
    /// <value>Defaults to <see langword="false"/>. Reasoning costs output tokens.</value>
    public bool ChainOfThought { get; set; }

    /// <summary>
    /// Gets or sets how many replies are sampled for self-consistency: each is read, validated and repaired on its own,
    /// and the output most of them agree on is returned; the agreement is recorded in <see cref="LlmCallRecord.Agreement"/>.
    /// </summary>
    /// <value>Defaults to 1 (no sampling). Allowed range: 1 to 10. More than 1 needs a <see cref="ModelCallOptions.Temperature"/> above 0.</value>
    /// <exception cref="ArgumentOutOfRangeException">The value is outside 1 to 10.</exception>
    public int Samples
    {
        get => _samples;
        set
        {
            if (value is < 1 or > 10)
            {
                throw new ArgumentOutOfRangeException(nameof(value), value, "PromptTaskOptions.Samples must be between 1 and 10.");
            }

            _samples = value;
        }
    }

    /// <summary>
    /// Gets or sets a judge prompt: with several <see cref="Samples"/>, the distinct valid outputs are shown to the model
    /// with this prompt, which must pick the best, instead of a majority vote. Its templates may use the task input's
    /// variables and <c>{{$candidates}}</c>: the candidates numbered from 1, each with its JSON (its text for a string
    /// output). The reply is constrained to <c>{"rationale": ..., "best": n}</c> and corrected up to
    /// <see cref="MaxRepairs"/> times; the judge asks the task's model at temperature 0 and is recorded as an
    /// <see cref="LlmCallRecord"/> of its own with <see cref="LlmCallRecord.Purpose"/> <c>judge</c>.
    /// </summary>
    /// <value>
    /// Defaults to <see langword="null"/>: majority vote. Needs <see cref="Samples"/> above 1. When the valid samples all
    /// agree, or only one is valid, there is nothing to choose and the judge is not asked.
    /// </value>
    public Prompt? Judge { get; set; }

    /// <summary>
    /// Gets the tools the model of an agent task may call: <see cref="AIFunction"/>s, such as those made with
    /// <see cref="AIFunctionFactory"/>, and Semantic Kernel <see cref="KernelFunction"/>s (which are
    /// <see cref="AIFunction"/>s). The list is the allow-list: a call to any other name is refused.
    /// </summary>
    /// <value>Empty by default. An agent task needs at least one tool; a prompt task takes none.</value>
    /// <remarks>
    /// A tool's name is what the model calls it by: a <see cref="KernelFunction"/> of a plugin is named
    /// <c>plugin_function</c>. The model chooses the arguments: treat them as untrusted input, and give an agent only
    /// the tools it may use on behalf of whoever wrote its input.
    /// </remarks>
    public IList<AITool> Tools => _tools;

    /// <summary>
    /// Gets or sets how many rounds of tool calls the model may make in one conversation (a round is one reply that
    /// calls tools, however many). The model's next call past it fails the task with a <see cref="ToolRoundsExceededException"/>.
    /// Tool rounds are counted apart from <see cref="MaxRepairs"/>.
    /// </summary>
    /// <value>Defaults to 5. Allowed range: 1 to 50.</value>
    /// <exception cref="ArgumentOutOfRangeException">The value is outside 1 to 50.</exception>
    public int MaxToolRounds
    {
        get => _maxToolRounds;
        set
        {
            if (value is < 1 or > 50)
            {
                throw new ArgumentOutOfRangeException(nameof(value), value, "PromptTaskOptions.MaxToolRounds must be between 1 and 50.");
            }

            _maxToolRounds = value;
        }
    }

    /// <summary>Gets or sets what an agent task does when a tool call fails (a tool not allowed, arguments that do not bind, a tool that throws).</summary>
    /// <value>Defaults to <see cref="ToolErrorBehavior.ReturnToModel"/>: the error's text goes back to the model as the tool's result.</value>
    /// <remarks>With <see cref="ToolErrorBehavior.ReturnToModel"/>, the exception's message is sent to the model provider.</remarks>
    public ToolErrorBehavior ToolErrors { get; set; }

    /// <summary>Adds every function of a Semantic Kernel plugin to <see cref="Tools"/>, each named <c>plugin_function</c>.</summary>
    /// <param name="plugin">The plugin, for example from <see cref="KernelPluginFactory.CreateFromType{T}(string?, IServiceProvider?)"/>.</param>
    /// <returns>These options.</returns>
    public PromptTaskOptions AddPlugin(KernelPlugin plugin)
    {
        ArgumentNullException.ThrowIfNull(plugin);
        _tools.AddRange(plugin.AsAIFunctions());
        return this;
    }

    /// <summary>Gets or sets the serializer options for the output's JSON schema and for parsing replies.</summary>
    /// <value>Defaults to <see cref="DefaultSerializerOptions"/>.</value>
    public JsonSerializerOptions SerializerOptions
    {
        get => _serializerOptions;
        set => _serializerOptions = value ?? throw new ArgumentNullException(nameof(value));
    }

    internal PromptTaskOptions Clone()
    {
        var clone = (PromptTaskOptions)MemberwiseClone();
        clone._tools = [.. _tools];
        clone.DetachLists();
        return clone;
    }

    private static JsonSerializerOptions CreateDefaults()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        options.Converters.Add(new JsonStringEnumConverter());
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
