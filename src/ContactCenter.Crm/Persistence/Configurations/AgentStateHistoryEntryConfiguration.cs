using ContactCenter.Crm.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ContactCenter.Crm.Persistence.Configurations;

internal sealed class AgentStateHistoryEntryConfiguration : IEntityTypeConfiguration<AgentStateHistoryEntry>
{
    public void Configure(EntityTypeBuilder<AgentStateHistoryEntry> builder)
    {
        builder.ToTable("agent_state_history");
        builder.HasKey(e => e.EventId);
        builder.Property(e => e.EventId).ValueGeneratedNever();
        builder.Property(e => e.AgentExtension).HasMaxLength(32);
        builder.Property(e => e.State).HasMaxLength(32);
        builder.Property(e => e.Reason).HasMaxLength(200);
        builder.HasIndex(e => new { e.AgentExtension, e.OccurredAt });
        builder.HasIndex(e => e.OccurredAt);
    }
}
