#if !NET
using System.Buffers;
using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using System.Net.Http;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;

namespace Enswitch.Client;

/// <summary>
/// The .NET 8 members the SDK is written against, for its netstandard2.0 build, so that one body of code
/// serves every target. Each does what its .NET 8 namesake does for the arguments the SDK passes; none is
/// compiled into the net8.0 or net10.0 builds, which use the framework's own.
/// </summary>
internal static class NetStandardPolyfills
{
    extension(ArgumentNullException)
    {
        public static void ThrowIfNull([NotNull] object? argument, [CallerArgumentExpression(nameof(argument))] string? paramName = null)
        {
            if (argument is null)
            {
                throw new ArgumentNullException(paramName);
            }
        }
    }

    extension(ArgumentException)
    {
        public static void ThrowIfNullOrEmpty([NotNull] string? argument, [CallerArgumentExpression(nameof(argument))] string? paramName = null)
        {
            ArgumentNullException.ThrowIfNull(argument, paramName);
            if (argument.Length == 0)
            {
                throw new ArgumentException("The value cannot be an empty string.", paramName);
            }
        }

        public static void ThrowIfNullOrWhiteSpace([NotNull] string? argument, [CallerArgumentExpression(nameof(argument))] string? paramName = null)
        {
            ArgumentNullException.ThrowIfNull(argument, paramName);
            if (string.IsNullOrWhiteSpace(argument))
            {
                throw new ArgumentException("The value cannot be an empty string or composed entirely of whitespace.", paramName);
            }
        }
    }

    extension(ObjectDisposedException)
    {
        public static void ThrowIf([DoesNotReturnIf(true)] bool condition, object instance)
        {
            if (condition)
            {
                throw new ObjectDisposedException(instance.GetType().FullName);
            }
        }
    }

    extension(Enum)
    {
        public static bool IsDefined<TEnum>(TEnum value)
            where TEnum : struct, Enum => Enum.IsDefined(typeof(TEnum), value);
    }

    extension(DateTimeOffset)
    {
        public static DateTimeOffset UnixEpoch => new(1970, 1, 1, 0, 0, 0, TimeSpan.Zero);
    }

    extension(GC)
    {
        // The uninitialised allocation is an optimisation only; a zeroed array holds the same bytes once written.
        public static T[] AllocateUninitializedArray<T>(int length, bool pinned = false) => new T[length];
    }

    extension(TimeSpan)
    {
        public static TimeSpan operator *(TimeSpan timeSpan, double factor) => TimeSpan.FromTicks(checked((long)Math.Round(timeSpan.Ticks * factor)));

        public static TimeSpan operator /(TimeSpan timeSpan, double divisor) => TimeSpan.FromTicks(checked((long)Math.Round(timeSpan.Ticks / divisor)));
    }

    extension(ValueTask)
    {
        public static ValueTask<T> FromCanceled<T>(CancellationToken cancellationToken) => new(Task.FromCanceled<T>(cancellationToken));
    }

    extension<TKey, TValue>(KeyValuePair<TKey, TValue> pair)
    {
        public void Deconstruct(out TKey key, out TValue value)
        {
            key = pair.Key;
            value = pair.Value;
        }
    }

    extension<TKey, TValue>(ConcurrentDictionary<TKey, TValue> dictionary)
        where TKey : notnull
    {
        public TValue GetOrAdd<TArg>(TKey key, Func<TKey, TArg, TValue> valueFactory, TArg factoryArgument) =>
            dictionary.TryGetValue(key, out var value) ? value : dictionary.GetOrAdd(key, k => valueFactory(k, factoryArgument));
    }

    extension<T>(ReadOnlySequence<T> sequence)
    {
        public ReadOnlySpan<T> FirstSpan => sequence.First.Span;
    }

    extension(string text)
    {
        public bool Contains(char value) => text.IndexOf(value) >= 0;

        public bool Contains(char value, StringComparison comparisonType) => text.IndexOf(value.ToString(), comparisonType) >= 0;

        public bool Contains(string value, StringComparison comparisonType) => text.IndexOf(value, comparisonType) >= 0;

        public bool EndsWith(char value) => text.Length > 0 && text[text.Length - 1] == value;

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

    extension(Encoding encoding)
    {
        public string GetString(ReadOnlySpan<byte> bytes) => encoding.GetString(bytes.ToArray());
    }

    extension(HttpContent content)
    {
        public Task<Stream> ReadAsStreamAsync(CancellationToken cancellationToken)
        {
            cancellationToken.ThrowIfCancellationRequested();
            return content.ReadAsStreamAsync();
        }
    }

    extension(Stream stream)
    {
        public int Read(Span<byte> buffer)
        {
            var rented = ArrayPool<byte>.Shared.Rent(buffer.Length);
            try
            {
                var read = stream.Read(rented, 0, buffer.Length);
                rented.AsSpan(0, read).CopyTo(buffer);
                return read;
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }

        public ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (MemoryMarshal.TryGetArray<byte>(buffer, out var segment))
            {
                return new(stream.ReadAsync(segment.Array!, segment.Offset, segment.Count, cancellationToken));
            }

            return ReadRentedAsync(stream, buffer, cancellationToken);
        }

        public ValueTask DisposeAsync()
        {
            stream.Dispose();
            return default;
        }
    }

    extension<T>(Task<T> task)
    {
        public Task<T> WaitAsync(CancellationToken cancellationToken)
        {
            if (task.IsCompleted || !cancellationToken.CanBeCanceled)
            {
                return task;
            }

            return cancellationToken.IsCancellationRequested ? Task.FromCanceled<T>(cancellationToken) : WaitCoreAsync(task, cancellationToken);
        }
    }

    private static async Task<T> WaitCoreAsync<T>(Task<T> task, CancellationToken cancellationToken)
    {
        var cancelled = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        using (cancellationToken.Register(static state => ((TaskCompletionSource<bool>)state!).TrySetResult(true), cancelled))
        {
            if (await Task.WhenAny(task, cancelled.Task).ConfigureAwait(false) != task)
            {
                throw new TaskCanceledException(Task.FromCanceled(cancellationToken));
            }
        }

        return await task.ConfigureAwait(false);
    }

    private static async ValueTask<int> ReadRentedAsync(Stream stream, Memory<byte> buffer, CancellationToken cancellationToken)
    {
        var rented = ArrayPool<byte>.Shared.Rent(buffer.Length);
        try
        {
            var read = await stream.ReadAsync(rented, 0, buffer.Length, cancellationToken).ConfigureAwait(false);
            rented.AsSpan(0, read).CopyTo(buffer.Span);
            return read;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }
}
#endif
