using System.Collections.Concurrent;

namespace Enswitch.Client.Testing.Internal;

/// <summary>
/// Everything the emulator remembers, independent of the listening socket, so that it survives a stop
/// and restart of the listener.
/// </summary>
internal sealed class EmulatorState
{
    private readonly ConcurrentDictionary<string, ConcurrentQueue<EmulatorFault>> _faults = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ObjectStore> _objects = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, long> _personIds = new(StringComparer.Ordinal);
    private long _lastPersonId;
    private readonly object _progressSync = new();
    private Func<string, EmulatorFault?>? _faultSelector;
    private int _inProgress;
    private TaskCompletionSource? _idle;
    private long _lastId;

    public EmulatorState(EnswitchEmulatorOptions options)
    {
        Options = options;
        Tokens = new TokenStore(options);
        _lastId = options.FirstId - 1;
    }

    public EnswitchEmulatorOptions Options { get; }

    public ConcurrentDictionary<string, EmulatedUser> Users { get; } = new(StringComparer.Ordinal);

    public ConcurrentDictionary<long, EmulatedRecordGroup> RecordGroups { get; } = new();

    public ConcurrentDictionary<RecordingKey, EmulatedRecording> Recordings { get; } = new();

    public ConcurrentDictionary<string, LiveCall> LiveCalls { get; } = new(StringComparer.Ordinal);

    public ConcurrentQueue<EmulatedRecordingStart> RecordingStarts { get; } = new();

    public TokenStore Tokens { get; }

    /// <summary>
    /// Returns the person id of a user (the <c>id</c> of the <c>user/login</c> answer): stable for the emulator's
    /// life, from a sequence of its own, so that logging in never takes an id from the objects' sequence.
    /// </summary>
    public long PersonId(string username) => _personIds.GetOrAdd(username, _ => Interlocked.Increment(ref _lastPersonId));

    /// <summary>Returns the objects of a category served from the catalogue, for example <c>customers</c>.</summary>
    public ObjectStore Objects(string category) => _objects.GetOrAdd(category, static c => new ObjectStore(c));

    public ConcurrentQueue<EmulatorRequest> Journal { get; } = new();

    private readonly List<(Func<EmulatorRequest, bool> Match, int Count, TaskCompletionSource<EmulatorRequest> Done)> _waiters = [];

    /// <summary>Adds a request to the journal and completes every waiter it satisfies.</summary>
    public void Record(EmulatorRequest request)
    {
        lock (_waiters)
        {
            Journal.Enqueue(request);
            for (var i = _waiters.Count - 1; i >= 0; i--)
            {
                var (match, count, done) = _waiters[i];
                if (match(request) && Matching(match) >= count)
                {
                    _waiters.RemoveAt(i);
                    done.TrySetResult(request);
                }
            }
        }
    }

    /// <summary>Returns a task that completes when the journal holds <paramref name="count"/> matching requests.</summary>
    public Task<EmulatorRequest> WaitAsync(Func<EmulatorRequest, bool> match, int count)
    {
        var done = new TaskCompletionSource<EmulatorRequest>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_waiters)
        {
            var matching = Journal.Where(match).ToList();
            if (matching.Count >= count)
            {
                done.SetResult(matching[count - 1]);
            }
            else
            {
                _waiters.Add((match, count, done));
            }
        }

        return done.Task;
    }

    private int Matching(Func<EmulatorRequest, bool> match) => Journal.Count(match);

    public long NextId() => Interlocked.Increment(ref _lastId);

    public void AddFault(string function, EmulatorFault fault, int count)
    {
        var queue = _faults.GetOrAdd(function, static _ => new ConcurrentQueue<EmulatorFault>());
        for (var i = 0; i < count; i++)
        {
            queue.Enqueue(fault);
        }
    }

    public void ClearFaults() => _faults.Clear();

    public void SetFaultSelector(Func<string, EmulatorFault?>? selector) => Volatile.Write(ref _faultSelector, selector);

    /// <summary>
    /// Takes the next fault queued for a function, or for any function (<c>*</c>); when none is queued,
    /// asks the fault selector, if one is set.
    /// </summary>
    public EmulatorFault? TakeFault(string function) =>
        (_faults.TryGetValue(function, out var queue) && queue.TryDequeue(out var fault)) ||
        (_faults.TryGetValue(EnswitchEmulator.AnyFunction, out queue) && queue.TryDequeue(out fault))
            ? fault
            : Volatile.Read(ref _faultSelector)?.Invoke(function);

    public int RequestsInProgress
    {
        get
        {
            lock (_progressSync)
            {
                return _inProgress;
            }
        }
    }

    /// <summary>Counts a request as in progress until <see cref="EndRequest"/>.</summary>
    public void BeginRequest()
    {
        lock (_progressSync)
        {
            _inProgress++;
        }
    }

    /// <summary>Ends a request begun with <see cref="BeginRequest"/>, completing the idle waiters when it was the last.</summary>
    public void EndRequest()
    {
        TaskCompletionSource? idle = null;
        lock (_progressSync)
        {
            if (--_inProgress == 0)
            {
                (idle, _idle) = (_idle, null);
            }
        }

        idle?.TrySetResult();
    }

    /// <summary>Returns a task that completes when no request is in progress.</summary>
    public Task WaitForIdleAsync()
    {
        lock (_progressSync)
        {
            return _inProgress == 0
                ? Task.CompletedTask
                : (_idle ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).Task;
        }
    }
}
