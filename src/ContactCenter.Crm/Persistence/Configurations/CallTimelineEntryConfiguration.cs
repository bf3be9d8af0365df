using ContactCenter.Crm.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ContactCenter.Crm.Persistence.Configurations;

internal sealed class CallTimelineEntryConfiguration : IEntityTypeConfiguration<CallTimelineEntry>
{
    public void Configure(EntityTypeBuilder<CallTimelineEntry> builder)
    {
        builder.ToTable("call_events");
        builder.HasKey(e => e.EventId);
        builder.Property(e => e.EventId).ValueGeneratedNever();
        builder.HasIndex(e => new { e.CallId, e.Sequence });
        builder.Property(e => e.Type).HasMaxLength(64);
        builder.Property(e => e.Data).HasColumnType("jsonb");
    }
}
