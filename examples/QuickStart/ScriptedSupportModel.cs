using AgentFlow.Testing;
using Microsoft.Extensions.AI;

namespace QuickStart;

/// <summary>
/// A stand-in for a real model, so the quick start runs offline and gives the same answers every time. It answers the
/// three kinds of call the flow makes, by node path, with rules that imitate what a model would say:
/// <list type="bullet">
/// <item>at <c>support/lookup/summarize</c>, the typed summary of the prompt task; for an outage its first reply breaks
/// the urgency's range, to show the repair at work;</item>
/// <item>at <c>support/route</c>, a category from keywords in the ticket; for a question no team handles it insists on
/// "Sales", which is not a declared case, to show the correction and the declared fallback at work;</item>
/// <item>at <c>support/refine</c>, a review of the draft against the checklist in <see cref="Prompts.Review"/>.</item>
/// </list>
/// </summary>
public static class ScriptedSupportModel
{
    /// <summary>Creates the scripted chat client.</summary>
    /// <returns>The client; it also records every request it receives.</returns>
    public static ScriptedChatClient Create() => new ScriptedChatClient("scripted-support-model")
        .WhenNode("support/lookup/summarize", Summarize)
        .WhenNode("support/route", Classify)
        .WhenNode("support/refine", Review);

    private static ScriptedReply Summarize(ScriptedRequest request)
    {
        var prompt = Prompt(request);
        var subject = Line(prompt, "Subject:");
        var outage = Mentions(prompt, "outage", "down", "503");
        var angry = Mentions(prompt, "unacceptable", "again", "!!");

        // A model sometimes breaks the output's constraints: for an outage the first reply rates the urgency 7 on a
        // scale of 1 to 5, and the repair (the same conversation, with the validation error) brings it back in range.
        var firstAttempt = request.Messages.Count(m => m.Role == ChatRole.User) == 1;
        var urgency = outage ? (firstAttempt ? 7 : 5) : Mentions(prompt, "charged", "refund") ? 4 : 2;
        var reply = ScriptedReply.Json(new
        {
            summary = $"The customer writes about: {subject.TrimEnd('.', '?', '!').ToLowerInvariant()}.",
            sentiment = angry ? "Angry" : outage ? "Frustrated" : "Calm",
            urgency,
        });

        // The script reports usage as a provider would; its counts are an estimate (about four characters a token).
        var inputTokens = request.Messages.Sum(m => m.Text.Length) / 4;
        return reply.WithUsage(inputTokens, outputTokens: 30);
    }

    private static ScriptedReply Classify(ScriptedRequest request)
    {
        // Read the original prompt, not the last message: after a rejected answer the last one is the correction.
        var prompt = Prompt(request);
        var ticket = Line(prompt, "Subject:") + " " + Line(prompt, "Message:");
        if (Mentions(ticket, "charged", "payment", "invoice", "refund"))
        {
            return ScriptedReply.Choice("Billing", "The customer reports a payment problem, and the order checks confirm a duplicate charge.", 0.94);
        }

        if (Mentions(ticket, "error", "outage", "down", "sign in"))
        {
            return ScriptedReply.Choice("Technical", "The product is not working for the customer: an error or an outage.", 0.91);
        }

        if (Mentions(ticket, "parcel", "tracking", "delivery"))
        {
            return ScriptedReply.Choice("Shipping", "The customer asks where a parcel is; one order is late with the carrier.", 0.88);
        }

        return ScriptedReply.Choice("Sales", "A request for volume pricing is a sales question.", 0.7);
    }

    private static ScriptedReply Review(ScriptedRequest request)
    {
        var prompt = Prompt(request);
        var firstName = Line(prompt, "Customer:").Split(' ')[0];
        var draft = prompt[(prompt.IndexOf("Draft (", StringComparison.Ordinal) + 1)..];
        List<string> missing = [];
        if (!draft.Contains($"Hi {firstName}", StringComparison.Ordinal))
        {
            missing.Add("does not greet the customer by name");
        }

        if (!draft.Contains("within", StringComparison.Ordinal))
        {
            missing.Add("does not say when the customer will hear from us");
        }

        if (Line(prompt, "Incident:") == "yes" && !draft.Contains("INC-", StringComparison.Ordinal))
        {
            missing.Add("does not cite the incident reference");
        }

        return missing.Count == 0
            ? ScriptedReply.Choice("stop", "The reply greets the customer, states the next step and says when they will hear from us.", 0.9)
            : ScriptedReply.Choice("continue", "The reply " + string.Join(" and ", missing) + ".", 0.85);
    }

    private static string Prompt(ScriptedRequest request) => request.Messages.First(m => m.Role == ChatRole.User).Text;

    private static string Line(string prompt, string prefix)
        => prompt.Split('\n').FirstOrDefault(l => l.StartsWith(prefix, StringComparison.Ordinal))?[prefix.Length..].Trim() ?? string.Empty;

    private static bool Mentions(string text, params string[] words) => words.Any(w => text.Contains(w, StringComparison.OrdinalIgnoreCase));
}
