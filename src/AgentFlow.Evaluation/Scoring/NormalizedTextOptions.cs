using System.Text;

namespace AgentFlow.Evaluation;

/// <summary>How <see cref="Scorers.NormalizedText"/> normalises both texts before comparing them.</summary>
public sealed record NormalizedTextOptions
{
    /// <summary>Gets the default options: Unicode NFKC, case, punctuation and runs of whitespace ignored, diacritics kept.</summary>
    public static NormalizedTextOptions Default { get; } = new();

    /// <summary>Gets the Unicode normalisation applied first, so that equal text in different encodings compares equal (<c>ﬁ</c> and <c>fi</c>, full-width and ASCII digits).</summary>
    /// <value>Defaults to <see cref="NormalizationForm.FormKC"/>; <see langword="null"/> applies none.</value>
    public NormalizationForm? Normalization { get; init; } = NormalizationForm.FormKC;

    /// <summary>Gets a value indicating whether case is ignored (invariant lower case).</summary>
    /// <value>Defaults to <see langword="true"/>.</value>
    public bool IgnoreCase { get; init; } = true;

    /// <summary>Gets a value indicating whether punctuation (Unicode categories P*) is removed; symbols such as <c>$</c> or <c>+</c> are kept.</summary>
    /// <value>Defaults to <see langword="true"/>.</value>
    public bool IgnorePunctuation { get; init; } = true;

    /// <summary>Gets a value indicating whether leading and trailing whitespace is removed and every run of whitespace becomes one space.</summary>
    /// <value>Defaults to <see langword="true"/>.</value>
    public bool CollapseWhitespace { get; init; } = true;

    /// <summary>Gets a value indicating whether diacritics are removed (<c>café</c> equals <c>cafe</c>).</summary>
    /// <value>Defaults to <see langword="false"/>: in many languages a diacritic changes the word.</value>
    public bool IgnoreDiacritics { get; init; }
}
