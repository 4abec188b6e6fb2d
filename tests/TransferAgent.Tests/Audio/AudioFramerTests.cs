using WarmTransfer.TransferAgent.Audio;

namespace WarmTransfer.TransferAgent.Tests.Audio;

public sealed class AudioFramerTests
{
    [Fact]
    public void TryRead_ChunksOfRandomSizes_FramesConcatenateToTheInput()
    {
        var framer = AudioFramer.ForDuration(48000, TimeSpan.FromMilliseconds(10));
        var input = Enumerable.Range(0, 48000).Select(i => (short)(i % 30000)).ToArray();
        var random = new Random(5);
        var frames = new List<short>();
        var frame = new short[framer.SamplesPerFrame];

        for (int offset = 0; offset < input.Length;)
        {
            int n = Math.Min(random.Next(1, 2000), input.Length - offset);
            framer.Write(input.AsSpan(offset, n));
            offset += n;
            while (framer.TryRead(frame))
            {
                frames.AddRange(frame);
            }
        }

        Assert.Equal(480, framer.SamplesPerFrame);
        Assert.Equal(input, frames);
        Assert.Equal(0, framer.Buffered);
    }

    [Fact]
    public void TryReadFinal_PartialFrame_IsPaddedWithSilence()
    {
        var framer = new AudioFramer(4);
        var frame = new short[4];
        framer.Write([1, 2, 3, 4, 5, 6]);

        Assert.True(framer.TryReadFinal(frame));
        Assert.Equal(new short[] { 1, 2, 3, 4 }, frame);
        Assert.False(framer.TryRead(frame));
        Assert.True(framer.TryReadFinal(frame));
        Assert.Equal(new short[] { 5, 6, 0, 0 }, frame);
        Assert.False(framer.TryReadFinal(frame));
    }

    [Fact]
    public void ForDuration_FractionalSampleCount_IsRejected()
    {
        var error = Assert.Throws<ArgumentException>(() => AudioFramer.ForDuration(22050, TimeSpan.FromMilliseconds(10.01)));

        Assert.Contains("22050 Hz", error.Message, StringComparison.Ordinal);
    }
}
