using System.Collections.Concurrent;

namespace WarmTransfer.TransferAgent.Audio;

/// <summary>
/// The anti-aliasing / anti-imaging low-pass filter of a rational resampler (up by L, down by M), split into L
/// phases. Design: windowed sinc at the upsampled rate, cutoff at 0.475 of the lower of the two rates, transition
/// band 0.1 of that rate, Kaiser window for 80 dB stop-band attenuation (Kaiser's formulas for length and beta).
/// For 48 kHz to 16 kHz that is flat to about 6.8 kHz and 80 dB down from 8.4 kHz. Tables are cached per (L, M).
/// </summary>
internal sealed class PolyphaseFilter
{
    private const double AttenuationDb = 80;
    private const double CutoffFraction = 0.475;
    private const double TransitionFraction = 0.1;

    private static readonly ConcurrentDictionary<(int Up, int Down), PolyphaseFilter> Cache = new();

    private readonly float[] _coefficients; // Up phases of TapsPerPhase, each stored oldest-tap first

    private PolyphaseFilter(int up, int down)
    {
        Up = up;
        Down = down;

        // Normalised to the upsampled rate L * inputRate; min(in, out) / in = min(1, L / M).
        double cutoff = CutoffFraction * Math.Min(1.0, (double)up / down) / up;
        double transition = TransitionFraction * Math.Min(1.0, (double)up / down) / up;

        int length = (int)Math.Ceiling((AttenuationDb - 8) / (2.285 * 2 * Math.PI * transition)) + 1;
        length |= 1; // odd length: the centre tap is an integer delay, so the delay can be compensated exactly
        TapsPerPhase = (length + up - 1) / up;
        DelayUpsampled = (length - 1) / 2;

        double beta = 0.1102 * (AttenuationDb - 8.7);
        double i0Beta = BesselI0(beta);
        var h = new double[TapsPerPhase * up];
        for (int n = 0; n < length; n++)
        {
            double t = n - DelayUpsampled;
            double sinc = t == 0 ? 2 * cutoff : Math.Sin(2 * Math.PI * cutoff * t) / (Math.PI * t);
            double r = (2.0 * n / (length - 1)) - 1;
            double window = BesselI0(beta * Math.Sqrt(Math.Max(0, 1 - (r * r)))) / i0Beta;
            h[n] = sinc * window * up; // gain L restores the level lost to zero-stuffing
        }

        // y[n] = sum_k h[phase + k*L] * x[i - k]; store each phase reversed so the dot product walks the input forwards.
        _coefficients = new float[TapsPerPhase * up];
        for (int phase = 0; phase < up; phase++)
        {
            for (int k = 0; k < TapsPerPhase; k++)
            {
                _coefficients[(phase * TapsPerPhase) + (TapsPerPhase - 1 - k)] = (float)h[phase + (k * up)];
            }
        }
    }

    public int Up { get; }

    public int Down { get; }

    public int TapsPerPhase { get; }

    /// <summary>The filter's group delay in upsampled samples.</summary>
    public int DelayUpsampled { get; }

    public ReadOnlySpan<float> Phase(int phase) => _coefficients.AsSpan(phase * TapsPerPhase, TapsPerPhase);

    public static PolyphaseFilter For(int inputRate, int outputRate)
    {
        int gcd = Gcd(inputRate, outputRate);
        int up = outputRate / gcd;
        int down = inputRate / gcd;
        if (up > 1000)
        {
            throw new ArgumentException($"Resampling {inputRate} Hz to {outputRate} Hz needs {up} filter phases; rates must share a larger common divisor.", nameof(outputRate));
        }

        return Cache.GetOrAdd((up, down), static key => new PolyphaseFilter(key.Up, key.Down));
    }

    private static int Gcd(int a, int b)
    {
        while (b != 0)
        {
            (a, b) = (b, a % b);
        }

        return a;
    }

    /// <summary>Modified Bessel function of the first kind, order 0 (power series; converges fast for the betas used).</summary>
    private static double BesselI0(double x)
    {
        double sum = 1, term = 1, half = x / 2;
        for (int k = 1; k < 50; k++)
        {
            term *= half / k;
            double add = term * term;
            sum += add;
            if (add < sum * 1e-12)
            {
                break;
            }
        }

        return sum;
    }
}
