namespace AgentFlow.Evaluation;

/// <summary>
/// What an LLM judge's rubric is rendered from; its properties are the rubric's template variables:
/// <c>{{$input}}</c>, <c>{{$expected}}</c>, <c>{{$actual}}</c> and <c>{{$caseId}}</c>.
/// </summary>
/// <param name="Input">The case's input: its text for a simple value, its JSON otherwise.</param>
/// <param name="Expected">The expected output, likewise.</param>
/// <param name="Actual">The task's output, likewise.</param>
/// <param name="CaseId">The case's id.</param>
public sealed record JudgeRequest(string Input, string Expected, string Actual, string CaseId);
