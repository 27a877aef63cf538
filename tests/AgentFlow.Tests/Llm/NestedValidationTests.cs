using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;
using AgentFlow.Testing;
using Microsoft.Extensions.AI;

namespace AgentFlow.Tests.Llm;

/// <summary>DataAnnotations on nested objects, collection items and dictionary values, and IValidatableObject, with paths.</summary>
public sealed class NestedValidationTests
{
    public sealed record LineItem([property: Required] string? Name, [property: System.ComponentModel.DataAnnotations.Range(1, 100)] int Quantity);

    public sealed record Order([property: Required] string Customer, List<LineItem> Items);

    public sealed record Address([property: Required, MinLength(2)] string City);

    public sealed record Contact(string Name, Address Address, Dictionary<string, Address> Offices);

    public sealed record Booking(DateOnly From, DateOnly To) : IValidatableObject
    {
        public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
        {
            if (To < From)
            {
                yield return new ValidationResult("The stay ends before it starts.", [nameof(To)]);
            }
        }
    }

    public sealed record Trip([property: Required] string Traveller, Booking[] Bookings);

    public sealed record Renamed([property: JsonPropertyName("item_list")] List<LineItem> Items);

    public sealed class Node
    {
        [Required]
        public string? Label { get; set; }

        public Node? Next { get; set; }
    }

    private static readonly Prompt OrderPrompt = new("order", "1", "Read the order: {{$input}}");

    [Test]
    public async Task AnInvalidItemInAList_IsRepaired_WithItsPathInTheRepairMessage()
    {
        var model = new ScriptedChatClient().Enqueue(
            ScriptedReply.Json(new { customer = "Ana", items = new object[] { new { name = "tea", quantity = 1 }, new { name = "cake", quantity = 2 }, new { quantity = 3 } } }),
            ScriptedReply.Json(new { customer = "Ana", items = new object[] { new { name = "tea", quantity = 1 }, new { name = "cake", quantity = 2 }, new { name = "jam", quantity = 3 } } }));

        var result = await FlowTask.FromPrompt<string, Order>("order", OrderPrompt).RunAsync("tea, cake and jam", new RunOptions { ChatClient = model });

        Assert.That(result.Output.Items.Select(i => i.Name), Is.EqualTo(new[] { "tea", "cake", "jam" }));
        Assert.That(model.Requests, Has.Count.EqualTo(2));
        Assert.That(model.Requests[1].Messages[^1].Role, Is.EqualTo(ChatRole.User));
        Assert.That(model.Requests[1].LastUserText, Does.Contain("items[2].name: The Name field is required."));
        Assert.That(result.Record.LlmCalls.Single().Attempts, Is.EqualTo(2));
    }

    [Test]
    public void AnInvalidItem_ThatIsNeverRepaired_FailsWithThePathInTheErrors()
    {
        var model = new ScriptedChatClient().When(_ => true, _ => ScriptedReply.Json(new { customer = "Ana", items = new object[] { new { name = "tea", quantity = 500 } } }));

        var ex = Assert.ThrowsAsync<OutputValidationException>(async () =>
            await FlowTask.FromPrompt<string, Order>("order", OrderPrompt, o => o.MaxRepairs = 0).RunAsync("tea", new RunOptions { ChatClient = model }));

        Assert.That(ex!.Errors.Single(), Does.StartWith("items[0].quantity: ").And.Contain("between 1 and 100"));
    }

    [Test]
    public void NestedObjectsAndDictionaryValues_AreValidated_WithTheirPaths()
    {
        var contact = new Contact("Ana", new Address(""), new Dictionary<string, Address> { ["paris"] = new("Paris"), ["rome"] = new("R") });

        var errors = OutputValidator.Validate(contact, PromptTaskOptions.DefaultSerializerOptions);

        Assert.That(errors, Is.EquivalentTo(new[]
        {
            "address.city: The City field is required.",
            "offices[rome].city: The field City must be a string or array type with a minimum length of '2'.",
        }));
    }

    [Test]
    public async Task IValidatableObject_IsHonoured_OnNestedItems()
    {
        var model = new ScriptedChatClient().Enqueue(
            ScriptedReply.Json(new { traveller = "Bo", bookings = new[] { new { from = "2026-05-01", to = "2026-05-03" }, new { from = "2026-06-10", to = "2026-06-01" } } }),
            ScriptedReply.Json(new { traveller = "Bo", bookings = new[] { new { from = "2026-05-01", to = "2026-05-03" }, new { from = "2026-06-01", to = "2026-06-10" } } }));

        var result = await FlowTask.FromPrompt<string, Trip>("trip", new Prompt("trip", "1", "{{$input}}")).RunAsync("two stays", new RunOptions { ChatClient = model });

        Assert.That(result.Output.Bookings[1].To, Is.EqualTo(new DateOnly(2026, 6, 10)));
        Assert.That(model.Requests[1].LastUserText, Does.Contain("bookings[1].to: The stay ends before it starts."));
    }

    [Test]
    public void IValidatableObject_IsHonoured_OnTheOutputItself()
    {
        var errors = OutputValidator.Validate(new Booking(new DateOnly(2026, 1, 2), new DateOnly(2026, 1, 1)), PromptTaskOptions.DefaultSerializerOptions);

        Assert.That(errors, Is.EqualTo(new[] { "to: The stay ends before it starts." }));
    }

    [Test]
    public void ACollectionOutput_IsValidatedItemByItem()
    {
        var errors = OutputValidator.Validate(new List<LineItem> { new("tea", 1), new(null, 1) }, PromptTaskOptions.DefaultSerializerOptions);

        Assert.That(errors, Is.EqualTo(new[] { "[1].name: The Name field is required." }));
    }

    [Test]
    public void Paths_UseTheNamesTheJsonUses()
    {
        var errors = OutputValidator.Validate(new Renamed([new(null, 1)]), PromptTaskOptions.DefaultSerializerOptions);

        Assert.That(errors, Is.EqualTo(new[] { "item_list[0].name: The Name field is required." }));
    }

    [Test]
    public void ACycle_IsVisitedOnce()
    {
        var first = new Node { Label = "a" };
        var second = new Node { Next = first };
        first.Next = second;

        var errors = OutputValidator.Validate(first, PromptTaskOptions.DefaultSerializerOptions);

        Assert.That(errors, Is.EqualTo(new[] { "next.label: The Label field is required." }));
    }
}
