using System.Text.RegularExpressions;
using AgentFlow.Testing;

namespace HelpDesk.Tests;

/// <summary>
/// A scripted stand-in for a real model, used to record the cassettes where no model is reachable. Its behaviour is
/// planted: with prompt version 1, which leaves "High" to judgement, it follows a rule of thumb (exclamation marks,
/// "locked", "twice"); with version 2, which says what makes a ticket High, it rates every ticket of the eval set
/// right. Re-record with a real model (see <see cref="Models"/>) to measure the real difference.
/// </summary>
internal static partial class StandInModel
{
    private static readonly Dictionary<string, (string Summary, string Severity)> Known = new(StringComparer.Ordinal)
    {
        ["I was charged twice for order 1042."] = ("Double charge on order 1042", "High"),
        ["You promised a refund three weeks ago and it never arrived."] = ("Refund not received", "High"),
        ["My invoice has my street name misspelled."] = ("Typo in invoice address", "Low"),
        ["Can you tell me if your prices include VAT?"] = ("Question about VAT", "Low"),
        ["I am locked out of my account after the password reset."] = ("Locked out after reset", "High"),
        ["I lost my phone and cannot pass two-factor login anymore."] = ("Cannot pass 2FA", "High"),
        ["How do I change my display name?"] = ("Change display name", "Low"),
        ["Please add a dark mode, the white screen hurts my eyes."] = ("Dark mode request", "Low"),
        ["The export deleted half of my project files!"] = ("Export deleted files", "High"),
        ["Notes I wrote yesterday are gone after the sync."] = ("Notes lost after sync", "High"),
        ["Search has been a bit slow this week."] = ("Slow search", "Low"),
        ["URGENT: the font on the pricing page looks odd!!!"] = ("Odd font on pricing page", "Low"),
        ["My card was charged but the order shows as unpaid."] = ("Charged but order unpaid", "High"),
        ["Where can I find the API docs for webhooks?"] = ("Webhook API docs", "Low"),
        ["A customer's private report is visible through a public link."] = ("Private report exposed", "High"),
        ["Please stop sending me the newsletter."] = ("Unsubscribe from newsletter", "Low"),
    };

    public static ScriptedChatClient Create() => new ScriptedChatClient(HelpDesk.HelpDeskTasks.ModelId).When(_ => true, Answer);

    private static ScriptedReply Answer(ScriptedRequest request)
    {
        var text = TicketText().Match(request.LastUserText).Groups["text"].Value;
        var (summary, severity) = Known.TryGetValue(text, out var known) ? known : ("Unknown request", "Low");
        var system = request.Messages[0].Text;
        if (!system.Contains("money, data or account access", StringComparison.Ordinal))
        {
            // Version 1: a rule of thumb.
            severity = text.Contains('!', StringComparison.Ordinal) || text.Contains("locked", StringComparison.Ordinal) || text.Contains("twice", StringComparison.Ordinal)
                ? "High"
                : "Low";
        }

        return ScriptedReply.Json(new { summary, severity }).WithUsage(60 + (text.Length / 4), 14);
    }

    [GeneratedRegex(@"wrote: (?<text>.*)$", RegexOptions.Singleline)]
    private static partial Regex TicketText();
}
