namespace WarmTransfer.EndToEnd.Infrastructure;

/// <summary>The loudest RMS window a page heard (dBFS; -200 for none) and how many audio elements it listened to.</summary>
public readonly record struct HeardLevel(double LevelDbfs, int Matched);
