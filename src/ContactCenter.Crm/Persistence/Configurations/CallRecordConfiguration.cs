using ContactCenter.Crm.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ContactCenter.Crm.Persistence.Configurations;

internal sealed class CallRecordConfiguration : IEntityTypeConfiguration<CallRecord>
{
    public void Configure(EntityTypeBuilder<CallRecord> builder)
    {
        builder.ToTable("calls");
        builder.Property(c => c.Id).ValueGeneratedNever();
        builder.Property(c => c.Direction).HasConversion<string>().HasMaxLength(16);
        builder.Property(c => c.EndedBy).HasConversion<string>().HasMaxLength(16);
        builder.Property(c => c.RoutingTrace).HasColumnType("jsonb");
        builder.Property(c => c.Disposition).HasMaxLength(CallRecord.MaxDispositionLength);
        builder.Property(c => c.DispositionNote).HasMaxLength(CallRecord.MaxDispositionNoteLength);
        builder.Property(c => c.DispositionBy).HasMaxLength(100);
        builder.Property(c => c.Trunk).HasMaxLength(Trunk.MaxNameLength);
        builder.Property(c => c.RecordingProblem).HasMaxLength(CallRecord.MaxRecordingProblemLength);
        builder.HasIndex(c => c.ReceivedAt);
        builder.HasIndex(c => c.ClientId);
        builder.HasIndex(c => c.AnsweredBy);
        builder.HasOne<Client>().WithMany().HasForeignKey(c => c.ClientId).OnDelete(DeleteBehavior.SetNull);
        builder.HasMany(c => c.Timeline).WithOne().HasForeignKey(e => e.CallId).OnDelete(DeleteBehavior.Cascade);
    }
}
