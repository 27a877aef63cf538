namespace AgentFlow.Evaluation;

/// <summary>The rules every case follows, whichever way it was made: a usable id and usable tags.</summary>
internal static class EvalSetRules
{
    /// <summary>Returns why <paramref name="id"/> cannot be a case id, or <see langword="null"/> when it can.</summary>
    public static string? CheckId(string? id)
    {
        if (id is null)
        {
            return "A case id is null. Give every case an id, or leave it out of the file to get 'line-N'.";
        }

        if (string.IsNullOrWhiteSpace(id))
        {
            return "A case id is empty. Give every case a non-empty id, or leave it out of the file to get 'line-N'.";
        }

        return id.Trim().Length != id.Length ? $"The case id '{id}' has leading or trailing spaces; remove them." : null;
    }

    /// <summary>Returns why <paramref name="tag"/> cannot be a tag, or <see langword="null"/> when it can.</summary>
    public static string? CheckTag(string? tag)
    {
        if (tag is null)
        {
            return "a tag is null.";
        }

        if (string.IsNullOrWhiteSpace(tag))
        {
            return "a tag is empty.";
        }

        return tag.Trim().Length != tag.Length ? $"the tag '{tag}' has leading or trailing spaces." : null;
    }
}
