using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace AgentFlow.Tests.Docs;

/// <summary>
/// The C# examples of the README and docs/ compile against the current API: every <c>```csharp</c> block that is a whole
/// file (it starts with <c>using</c> or <c>namespace</c>) is compiled, with the other whole-file blocks of the same page.
/// </summary>
public sealed partial class DocSnippetTests
{
    private static readonly string Root = FindRoot();

    public static IEnumerable<TestCaseData> Pages()
        => Directory.GetFiles(Path.Combine(Root, "docs"), "*.md").Append(Path.Combine(Root, "README.md"))
            .Order(StringComparer.Ordinal)
            .Select(path => new TestCaseData(Path.GetRelativePath(Root, path)).SetName($"Snippets_Compile({Path.GetRelativePath(Root, path)})"));

    [TestCaseSource(nameof(Pages))]
    public void Snippets_Compile(string page)
    {
        var blocks = Blocks(File.ReadAllText(Path.Combine(Root, page))).ToList();
        var files = blocks.Where(b => IsWholeFile(b.Code)).ToList();
        if (files.Count == 0)
        {
            Assert.Pass($"{page} has no whole-file C# examples.");
        }

        // Each example that has top-level statements is a program of its own; the others are shared by all of them.
        var parsed = files.Select(b => (Block: b, Tree: CSharpSyntaxTree.ParseText(b.Code, ParseOptions, path: $"{page}:{b.Line}"))).ToList();
        var shared = parsed.Where(p => !IsProgram(p.Tree)).Select(p => p.Tree).Append(ImplicitUsings).ToList();
        var programs = parsed.Where(p => IsProgram(p.Tree)).Select(p => p.Tree).ToList();
        List<Diagnostic> errors = [.. Errors(shared, OutputKind.DynamicallyLinkedLibrary)];
        foreach (var program in programs)
        {
            errors.AddRange(Errors([.. shared, program], OutputKind.ConsoleApplication).Where(e => e.Location.SourceTree == program));
        }

        Assert.That(errors, Is.Empty, () => $"{page}: {files.Count} example(s), and these do not compile:\n" + string.Join("\n", errors.Take(20).Select(Describe)));
    }

    private static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);

    /// <summary>The SDK's implicit usings of a console or library project, which the examples rely on as a project would.</summary>
    private static readonly SyntaxTree ImplicitUsings = CSharpSyntaxTree.ParseText(
        """
        global using System;
        global using System.Collections.Generic;
        global using System.IO;
        global using System.Linq;
        global using System.Net.Http;
        global using System.Threading;
        global using System.Threading.Tasks;
        """,
        ParseOptions,
        path: "ImplicitUsings.cs");

    private static IEnumerable<Diagnostic> Errors(IEnumerable<SyntaxTree> trees, OutputKind kind)
        => CSharpCompilation.Create("DocSnippets", trees, References.Value, new CSharpCompilationOptions(kind, nullableContextOptions: NullableContextOptions.Enable))
            .GetDiagnostics()
            .Where(d => d.Severity == DiagnosticSeverity.Error);

    private static bool IsProgram(SyntaxTree tree)
        => tree.GetRoot().ChildNodes().Any(n => n is Microsoft.CodeAnalysis.CSharp.Syntax.GlobalStatementSyntax);

    private static string Describe(Diagnostic d)
    {
        var span = d.Location.GetLineSpan();
        return $"  {span.Path} (example line {span.StartLinePosition.Line + 1}): {d.Id} {d.GetMessage(System.Globalization.CultureInfo.InvariantCulture)}";
    }

    private static bool IsWholeFile(string code)
    {
        var first = code.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.Length > 0 && !l.StartsWith("//", StringComparison.Ordinal));
        return first is not null && (first.StartsWith("using ", StringComparison.Ordinal) || first.StartsWith("namespace ", StringComparison.Ordinal));
    }

    private static IEnumerable<(int Line, string Code)> Blocks(string markdown)
    {
        foreach (Match match in CSharpBlock().Matches(markdown))
        {
            var line = markdown.AsSpan(0, match.Index).Count('\n') + 1;
            yield return (line, match.Groups["code"].Value);
        }
    }

    [GeneratedRegex(@"^```csharp[ \t]*\r?\n(?<code>.*?)^```", RegexOptions.Singleline | RegexOptions.Multiline)]
    private static partial Regex CSharpBlock();

    private static readonly Lazy<IReadOnlyList<MetadataReference>> References = new(() =>
    {
        // The framework the tests run on, and every assembly next to them (AgentFlow, its dependencies, NUnit).
        var framework = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator);
        var local = Directory.GetFiles(AppContext.BaseDirectory, "*.dll");
        return framework.Concat(local)
            .GroupBy(Path.GetFileName, StringComparer.OrdinalIgnoreCase)
            .Select(g => g.First())
            .Where(IsManaged)
            .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))
            .ToList();
    });

    private static bool IsManaged(string path)
    {
        try
        {
            System.Reflection.AssemblyName.GetAssemblyName(path);
            return true;
        }
        catch (BadImageFormatException)
        {
            return false;
        }
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "AgentFlow.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("The repository root (with AgentFlow.sln) was not found above the test directory.");
    }
}
