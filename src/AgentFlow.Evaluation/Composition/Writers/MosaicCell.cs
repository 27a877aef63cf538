namespace AgentFlow.Evaluation;

/// <summary>One cell of the 2x2 table as the mosaic draws it.</summary>
/// <param name="Css">The cell's CSS class.</param>
/// <param name="Name">The cell's name, such as <c>Composability gap</c>.</param>
/// <param name="Description">What its cases had: <c>every sub-task right, final wrong</c>.</param>
/// <param name="Color">Its fill.</param>
/// <param name="Text">The colour of the text on it.</param>
/// <param name="FinalWrong">Whether its cases' final output was wrong: such cells are hatched, so the mosaic reads without colour.</param>
internal sealed record MosaicCell(string Css, string Name, string Description, string Color, string Text, bool FinalWrong);
