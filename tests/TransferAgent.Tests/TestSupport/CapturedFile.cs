namespace WarmTransfer.TransferAgent.Tests.TestSupport;

/// <summary>A file part of a multipart request.</summary>
public sealed record CapturedFile(string Name, string FileName, string? ContentType, byte[] Content);
