namespace WarmTransfer.ControlApi.Seed;

/// <summary>Seed <c>POST /generate-summary</c> answer: <c>{summary}</c>.</summary>
internal sealed record SeedSummaryResponse(string Summary);
