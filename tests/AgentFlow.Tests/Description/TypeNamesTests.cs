namespace AgentFlow.Tests.Description;

/// <summary>Type names in descriptions are written as C# writes them.</summary>
public sealed class TypeNamesTests
{
    public enum Priority
    {
        Low,
        High,
    }

    [TestCase(typeof(string), "string")]
    [TestCase(typeof(bool), "bool")]
    [TestCase(typeof(int), "int")]
    [TestCase(typeof(long), "long")]
    [TestCase(typeof(double), "double")]
    [TestCase(typeof(decimal), "decimal")]
    [TestCase(typeof(object), "object")]
    [TestCase(typeof(float), "float")]
    [TestCase(typeof(char), "char")]
    [TestCase(typeof(byte), "byte")]
    [TestCase(typeof(short), "short")]
    [TestCase(typeof(uint), "uint")]
    [TestCase(typeof(ulong), "ulong")]
    [TestCase(typeof(int?), "int?")]
    [TestCase(typeof(string[]), "string[]")]
    [TestCase(typeof(IReadOnlyList<string>), "IReadOnlyList<string>")]
    [TestCase(typeof(Dictionary<string, List<int?>>), "Dictionary<string, List<int?>>")]
    [TestCase(typeof(Guid), "Guid")]
    [TestCase(typeof(Priority), "Priority")]
    [TestCase(typeof(Priority?), "Priority?")]
    [TestCase(typeof(IReadOnlyList<Priority>), "IReadOnlyList<Priority>")]
    public void Display_WritesTheTypeAsCSharpDoes(Type type, string expected)
    {
        Assert.That(TypeNames.Display(type), Is.EqualTo(expected));
    }

    [Test]
    public void Display_OfNonGenericTypeNestedInGenericType_DoesNotThrow()
    {
        Assert.That(TypeNames.Display(typeof(Outer<int>.Inner)), Does.StartWith("Inner"));
    }

    public sealed class Outer<T>
    {
        public sealed class Inner
        {
        }
    }
}
