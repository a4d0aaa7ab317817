using Akka.Actor;

namespace ActorOrders.Domain.Tests.Support;

/// <summary>A clock that reads the actor system's scheduler, so a TestScheduler's virtual time is the order's time too.</summary>
public sealed class SchedulerClock(IScheduler scheduler) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => scheduler.Now;
}
