using System.Collections.Concurrent;
using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;

namespace WarmTransfer.EndToEnd.Infrastructure;

/// <summary>
/// Speech made by Debian's flite, as a WAV file (16-bit PCM, mono) for a browser's fake microphone
/// (<see cref="PageOptions.FakeMicrophoneWav"/>). Files go to a temp folder the caller deletes.
/// </summary>
public static class SpeechWav
{
    public const string FlitePath = "/usr/bin/flite";

    /// <summary>Silence after each telling of a shared speech file.</summary>
    public static readonly TimeSpan TurnPause = TimeSpan.FromSeconds(2);

    private static readonly ConcurrentDictionary<string, Lazy<Task<string>>> Shared = new(StringComparer.Ordinal);

    /// <summary>
    /// <paramref name="text"/> spoken by flite, made once per test run and kept under the git-ignored artifacts folder
    /// (named by a hash of the text), so every test using the same speech shares one file and one role browser.
    /// </summary>
    public static Task<string> SharedAsync(string text)
    {
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..16];
        var path = Path.Combine(RepoPaths.Artifacts, "voices", hash + "-turn.wav");
        return Shared.GetOrAdd(path, _ => new Lazy<Task<string>>(async () =>
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            var partial = path + ".part";
            await CreateAsync(text, partial);
            // Chromium loops a fake microphone's file: a pause after each telling makes it a speaking turn, as a
            // person leaves, so the bot's VAD ends a segment and the live transcript gets a line per telling.
            var speech = WarmTransfer.TransferAgent.Audio.WavFile.ReadFile(partial);
            var turn = WarmTransfer.TransferAgent.Audio.PcmAudio.Concat(
                speech.SampleRate, speech, WarmTransfer.TransferAgent.Audio.PcmAudio.Silence(TurnPause, speech.SampleRate));
            WarmTransfer.TransferAgent.Audio.WavFile.WriteFile(partial, turn);
            File.Move(partial, path, overwrite: true);
            return path;
        })).Value;
    }

    /// <summary>Writes <paramref name="text"/> spoken by flite to <paramref name="path"/>.</summary>
    public static async Task<string> CreateAsync(string text, string path, CancellationToken cancellationToken = default)
    {
        if (!File.Exists(FlitePath))
        {
            throw new InvalidOperationException($"{FlitePath} is missing; install Debian's flite (scripts/setup.sh --tests).");
        }

        var start = new ProcessStartInfo(FlitePath) { RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add("-t");
        start.ArgumentList.Add(text);
        start.ArgumentList.Add("-o");
        start.ArgumentList.Add(path);
        using var process = Process.Start(start) ?? throw new InvalidOperationException("flite did not start.");
        var errors = await process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0 || !File.Exists(path))
        {
            throw new InvalidOperationException($"flite failed ({process.ExitCode}): {errors}");
        }

        return path;
    }
}
