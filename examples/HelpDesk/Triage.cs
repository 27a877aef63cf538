using System.ComponentModel.DataAnnotations;
using AgentFlow;

namespace HelpDesk;

/// <summary>How urgent a ticket is.</summary>
public enum Severity
{
    /// <summary>Can wait for the normal queue.</summary>
    Low,

    /// <summary>Money, data or access is at stake: handle today.</summary>
    High,
}

/// <summary>A support ticket.</summary>
/// <param name="Customer">Who wrote it.</param>
/// <param name="Text">What they wrote.</param>
public sealed record Ticket(string Customer, string Text);

/// <summary>The triage of a ticket: a one-line summary and a severity.</summary>
/// <param name="Summary">A short summary.</param>
/// <param name="Severity">How urgent it is.</param>
public sealed record Triage([property: Required, MinLength(3)] string Summary, Severity Severity);

/// <summary>The help desk's prompts, versioned: a text edit gets a new version.</summary>
public static class TriagePrompts
{
    /// <summary>The first version: terse, and it leaves "High" to the model's judgement.</summary>
    public static Prompt V1 { get; } = new(
        "triage",
        "1",
        user: "Customer {{$Customer}} wrote: {{$Text}}",
        system: "Summarise the support ticket in a few words and rate its severity, Low or High.");

    /// <summary>The second version: says what makes a ticket High.</summary>
    public static Prompt V2 { get; } = new(
        "triage",
        "2",
        user: "Customer {{$Customer}} wrote: {{$Text}}",
        system: "Summarise the support ticket in a few words and rate its severity. It is High when money, data or "
              + "account access is at stake (double charges, refunds owed, lost data, locked accounts); otherwise Low.");

    /// <summary>Every prompt the help desk ships, for the prompt lock.</summary>
    public static IReadOnlyList<Prompt> All { get; } = [V2];
}

/// <summary>The help desk's tasks.</summary>
public static class HelpDeskTasks
{
    /// <summary>The model id the help desk asks for.</summary>
    public const string ModelId = "gpt-4o-mini";

    /// <summary>The triage task with a given prompt version (the shipped one is <see cref="TriagePrompts.V2"/>).</summary>
    /// <param name="prompt">The prompt.</param>
    /// <returns>The task.</returns>
    public static PromptTask<Ticket, Triage> Triage(Prompt? prompt = null)
        => FlowTask.FromPrompt<Ticket, Triage>("triage", prompt ?? TriagePrompts.V2, options => options.ModelId = ModelId);
}
