namespace Kombu.Transport.Beanstalk;

/// <summary>A job reserved from beanstalkd: its id and body.</summary>
/// <param name="Id">The job id the server assigned.</param>
/// <param name="Body">The job body bytes.</param>
public sealed record BeanstalkJob(long Id, byte[] Body);
