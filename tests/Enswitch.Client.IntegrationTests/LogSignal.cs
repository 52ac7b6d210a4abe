using Microsoft.Extensions.Logging;

namespace Enswitch.Client.IntegrationTests;

/// <summary>
/// A logger provider that lets a test wait for the SDK to log an event (for example a retry being
/// scheduled) instead of sleeping: the synchronisation point for advancing a fake clock.
/// </summary>
public sealed class LogSignal : ILoggerProvider
{
    private readonly List<(EventId Id, string Message)> _events = [];
    private readonly List<(int EventId, int Count, TaskCompletionSource Done)> _waiters = [];

    public ILogger CreateLogger(string categoryName) => new Logger(this);

    /// <summary>Completes when the event has been logged <paramref name="count"/> times in all.</summary>
    public Task WaitAsync(int eventId, int count = 1)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_events)
        {
            if (_events.Count(e => e.Id.Id == eventId) >= count)
            {
                done.SetResult();
            }
            else
            {
                _waiters.Add((eventId, count, done));
            }
        }

        return done.Task.WaitAsync(TimeSpan.FromMinutes(2), TestContext.Current.CancellationToken);
    }

    /// <summary>Returns the messages logged with an event id.</summary>
    public IReadOnlyList<string> Messages(int eventId)
    {
        lock (_events)
        {
            return [.. _events.Where(e => e.Id.Id == eventId).Select(e => e.Message)];
        }
    }

    public void Dispose()
    {
    }

    private void Add(EventId id, string message)
    {
        lock (_events)
        {
            _events.Add((id, message));
            var seen = _events.Count(e => e.Id.Id == id.Id);
            for (var i = _waiters.Count - 1; i >= 0; i--)
            {
                if (_waiters[i].EventId == id.Id && seen >= _waiters[i].Count)
                {
                    _waiters[i].Done.TrySetResult();
                    _waiters.RemoveAt(i);
                }
            }
        }
    }

    private sealed class Logger(LogSignal owner) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            owner.Add(eventId, formatter(state, exception));
    }
}
