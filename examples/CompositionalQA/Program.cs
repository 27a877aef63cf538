// AgentFlow example: the composability gap of compositional question answering.
//
//   dotnet run --project examples/CompositionalQA [-- --out <folder>]
//
// Writes two-hop questions from a small knowledge base ("What is the calling code of the country whose capital is
// Nairobi?"), runs two flows over them (one answers directly, one decomposes the question into sub-questions first),
// and compares how often each is wrong, why, and how often it is wrong although every sub-question was answered right,
// in Markdown, JSON, HTML pages and JUnit XML.
// Runs offline on a scripted model with planted mistakes unless OPENAI_API_KEY is set (see ChatModels.cs); then it
// measures the real model.

using AgentFlow;
using AgentFlow.Evaluation;
using AgentFlow.Testing;
using CompositionalQA;

using var cancellation = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancellation.Cancel();
};

var folder = args.Length == 2 && args[0] == "--out" ? args[1] : Path.Combine(Path.GetTempPath(), "agentflow-compositional-qa");
Directory.CreateDirectory(folder);

var model = ChatModels.FromEnvironment();
using var chatClient = model.Client;
Console.WriteLine(model.Description);
Console.WriteLine();

// The cases: one per country and fact, with what the sub-questions and the route should give, written as JSON Lines
// and loaded back as a composition set (checked on load: every error with its line).
var casesPath = Path.Combine(folder, "capitals.jsonl");
var written = KnowledgeBase.WriteCases(casesPath);
var set = CompositionSet.FromJsonl<string, string>(casesPath, QaFlows.SubTasks);
Console.WriteLine($"{written} questions about {KnowledgeBase.Countries.Count} countries, written to {casesPath}.");
Console.WriteLine();

var options = new CompositionOptions
{
    Evaluation =
    {
        MaxParallelism = 4,
        CaseTimeout = TimeSpan.FromMinutes(2),
        RunOptions = _ => new RunOptions { ChatClient = chatClient, Prices = ChatModels.Prices },
    },
};
options.Evaluation.Labels["model"] = chatClient is ScriptedChatClient ? ScriptedQaModel.ModelId : Environment.GetEnvironmentVariable("OPENAI_MODEL") ?? ChatModels.DefaultModel;

CompositionComparison comparison;
try
{
    comparison = await CompositionAnalyzer.CompareAsync(
        set, Answers.Mentions, "direct", QaFlows.Direct(), "decomposed", QaFlows.Decomposed(), options, cancellation.Token);
}
catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
{
    Console.WriteLine("Cancelled.");
    return 130;
}

Console.WriteLine(comparison.ToMarkdown());

// Markdown and JSON, an HTML page with charts to open in a browser, and JUnit XML (a test suite per flow) for CI.
var files = await comparison.WriteAsync(folder, ReportFormats.All, cancellationToken: cancellation.Token);
Console.WriteLine($"Reports written to {folder}:");
foreach (var file in files)
{
    Console.WriteLine($"  {Path.GetFileName(file)}");
}

Console.WriteLine();
if (chatClient is not ScriptedChatClient scripted)
{
    Console.WriteLine($"Done: measured on {options.Evaluation.Labels["model"]}.");
    return 0;
}

// Offline, the mistakes were planted: the analysis must find exactly the classes they make.
var mismatches = Check(comparison.Baseline, decomposed: false).Concat(Check(comparison.Candidate, decomposed: true)).ToList();
foreach (var mismatch in mismatches)
{
    Console.WriteLine(mismatch);
}

Console.WriteLine(mismatches.Count == 0
    ? $"The measured numbers are the planted ones. Done, offline: the scripted model answered {scripted.Requests.Count} requests; no real LLM was called."
    : $"The measured numbers differ from the planted ones in {mismatches.Count} case(s).");
return mismatches.Count == 0 ? 0 : 1;

static IEnumerable<string> Check(CompositionAnalysis analysis, bool decomposed)
{
    var planted = PlantedErrors.Outcomes(decomposed);
    Console.WriteLine($"Planted for {analysis.Name}: {Counts(planted.Values)}; measured: {Counts(analysis.Cases.Select(c => c.Outcome))}.");
    return analysis.Cases
        .Where(c => planted[c.Id] != c.Outcome)
        .Select(c => $"  {analysis.Name}, {c.Id}: planted {planted[c.Id]}, measured {c.Outcome}: {c.Explanation}");
}

static string Counts(IEnumerable<CompositionOutcome> outcomes)
    => string.Join(", ", outcomes.GroupBy(o => o).OrderBy(g => g.Key).Select(g => $"{g.Count()} {g.Key}"));
