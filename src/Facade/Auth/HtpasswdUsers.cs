namespace Facade.Auth;

/// <summary>
/// The configured htpasswd file, reloaded when its write time changes (checked at most once a
/// second, so a request pays no file system call). A file that turns unreadable or invalid keeps
/// the last good users and logs why.
/// </summary>
internal sealed class HtpasswdUsers
{
    private static readonly TimeSpan CheckInterval = TimeSpan.FromSeconds(1);
    private readonly string _path;
    private readonly TimeProvider _clock;
    private readonly ILogger<HtpasswdUsers> _logger;
    private readonly Lock _gate = new();
    private HtpasswdFile _current;
    private DateTime _writeTime;
    private long _nextCheck;

    public HtpasswdUsers(string path, TimeProvider clock, ILogger<HtpasswdUsers> logger)
    {
        _path = path;
        _clock = clock;
        _logger = logger;
        var errors = new List<string>();
        _writeTime = File.GetLastWriteTimeUtc(path);
        _current = HtpasswdFile.Load(path, errors);
        if (errors.Count > 0) throw new InvalidOperationException($"Facade:Auth:Htpasswd '{path}': {string.Join("; ", errors)}");
        _nextCheck = _clock.GetTimestamp() + ToTicks(CheckInterval);
    }

    /// <summary>Bumped on every reload, so remembered verifications of older contents are ignored.</summary>
    public long Generation { get; private set; }

    /// <summary>The users as of now.</summary>
    public HtpasswdFile Current
    {
        get
        {
            if (_clock.GetTimestamp() >= Volatile.Read(ref _nextCheck)) Refresh();
            return _current;
        }
    }

    private void Refresh()
    {
        lock (_gate)
        {
            var now = _clock.GetTimestamp();
            if (now < _nextCheck) return;
            _nextCheck = now + ToTicks(CheckInterval);
            DateTime writeTime;
            try
            {
                writeTime = File.GetLastWriteTimeUtc(_path);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                AuthLog.HtpasswdUnreadable(_logger, _path, e.Message);
                return;
            }
            if (writeTime == _writeTime) return;
            var errors = new List<string>();
            var loaded = HtpasswdFile.Load(_path, errors);
            if (errors.Count > 0)
            {
                AuthLog.HtpasswdUnreadable(_logger, _path, string.Join("; ", errors));
                return;
            }
            _writeTime = writeTime;
            _current = loaded;
            Generation++;
            AuthLog.HtpasswdReloaded(_logger, _path, loaded.Count);
        }
    }

    private long ToTicks(TimeSpan span) => (long)(span.TotalSeconds * _clock.TimestampFrequency);
}
