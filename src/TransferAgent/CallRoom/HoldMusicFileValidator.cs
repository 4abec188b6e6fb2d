using Microsoft.Extensions.Options;
using WarmTransfer.TransferAgent.Audio;

namespace WarmTransfer.TransferAgent.CallRoom;

/// <summary>At start-up, a configured <see cref="CallRoomOptions.HoldMusicFile"/> must be a readable WAV file.</summary>
internal sealed class HoldMusicFileValidator : IValidateOptions<CallRoomOptions>
{
    public ValidateOptionsResult Validate(string? name, CallRoomOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.HoldMusicFile))
        {
            return ValidateOptionsResult.Success;
        }

        if (!File.Exists(options.HoldMusicFile))
        {
            return ValidateOptionsResult.Fail($"CallRoom:HoldMusicFile '{options.HoldMusicFile}' does not exist.");
        }

        try
        {
            var music = WavFile.ReadFile(options.HoldMusicFile);
            return music.Duration < TimeSpan.FromMilliseconds(100)
                ? ValidateOptionsResult.Fail($"CallRoom:HoldMusicFile '{options.HoldMusicFile}' holds less than 100 ms of audio.")
                : ValidateOptionsResult.Success;
        }
        catch (Exception e) when (e is InvalidDataException or IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            return ValidateOptionsResult.Fail($"CallRoom:HoldMusicFile '{options.HoldMusicFile}' is not a readable 16-bit PCM WAV file: {e.Message}");
        }
    }
}
