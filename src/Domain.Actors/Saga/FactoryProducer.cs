using Akka.Actor;

namespace ActorOrders.Domain.Saga;

/// <summary>
/// Creates an actor with a plain constructor call. <c>Props.Create(() =&gt; new T(...))</c> compiles
/// its expression's arguments on every call; for an entity per order and a child per step that
/// was measurable CPU and finalizer churn on the hot path. These props are local-only.
/// </summary>
internal sealed class FactoryProducer<TActor>(Func<TActor> factory) : IIndirectActorProducer where TActor : ActorBase
{
    public Type ActorType => typeof(TActor);

    public ActorBase Produce() => factory();

    public void Release(ActorBase actor)
    {
    }

    /// <summary>Props that create the actor with <paramref name="factory"/>.</summary>
    public static Props Props(Func<TActor> factory) => Akka.Actor.Props.CreateBy(new FactoryProducer<TActor>(factory));
}
