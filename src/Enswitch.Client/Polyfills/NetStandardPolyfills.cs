#if !NET
using System.Buffers;
using System.Text;

namespace Enswitch.Client;

/// <summary>
/// The .NET 8 members the SDK is written against that the Polyfill package does not provide, for its netstandard2.0
/// build, so that one body of code serves every target. Each does what its .NET 8 namesake does for the arguments the
/// SDK passes; none is compiled into the net8.0 or net10.0 builds, which use the framework's own. Everything else
/// (ArgumentNullException.ThrowIfNull, string.Contains(char), Stream.ReadAsync(Memory&lt;byte&gt;), Task.WaitAsync,
/// ...) comes from the Polyfill package.
/// </summary>
internal static class NetStandardPolyfills
{
    // Polyfill has no DateTimeOffset.UnixEpoch.
    extension(DateTimeOffset)
    {
        public static DateTimeOffset UnixEpoch => new(1970, 1, 1, 0, 0, 0, TimeSpan.Zero);
    }

    // Polyfill has no TimeSpan * double or TimeSpan / double operator.
    extension(TimeSpan)
    {
        public static TimeSpan operator *(TimeSpan timeSpan, double factor) => TimeSpan.FromTicks(checked((long)Math.Round(timeSpan.Ticks * factor)));

        public static TimeSpan operator /(TimeSpan timeSpan, double divisor) => TimeSpan.FromTicks(checked((long)Math.Round(timeSpan.Ticks / divisor)));
    }

    // Polyfill's ValueTask extension has CompletedTask but not FromCanceled<T>.
    extension(ValueTask)
    {
        public static ValueTask<T> FromCanceled<T>(CancellationToken cancellationToken) => new(Task.FromCanceled<T>(cancellationToken));
    }

    // Polyfill has no ReadOnlySequence<T>.FirstSpan.
    extension<T>(ReadOnlySequence<T> sequence)
    {
        public ReadOnlySpan<T> FirstSpan => sequence.First.Span;
    }

    // Polyfill has no string.Replace(string, string?, StringComparison).
    extension(string text)
    {
        public string Replace(string oldValue, string? newValue, StringComparison comparisonType)
        {
            ArgumentException.ThrowIfNullOrEmpty(oldValue);
            var index = text.IndexOf(oldValue, comparisonType);
            if (index < 0)
            {
                return text;
            }

            var builder = new StringBuilder(text.Length);
            var start = 0;
            while (index >= 0)
            {
                builder.Append(text, start, index - start).Append(newValue);
                start = index + oldValue.Length;
                index = text.IndexOf(oldValue, start, comparisonType);
            }

            return builder.Append(text, start, text.Length - start).ToString();
        }
    }
}
#endif
