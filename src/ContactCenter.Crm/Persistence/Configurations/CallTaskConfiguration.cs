using ContactCenter.Crm.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ContactCenter.Crm.Persistence.Configurations;

internal sealed class CallTaskConfiguration : IEntityTypeConfiguration<CallTask>
{
    public void Configure(EntityTypeBuilder<CallTask> builder)
    {
        builder.Property(t => t.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(t => t.Result).HasConversion<string>().HasMaxLength(16);
        builder.Property(t => t.PhoneE164).HasMaxLength(16);
        builder.Property(t => t.Notes).HasMaxLength(4000);
        builder.HasIndex(t => new { t.AssignedStaffId, t.Status });
        builder.HasIndex(t => new { t.CallListId, t.Position });
        builder.HasIndex(t => t.VoicemailCallId).IsUnique(); // one task per voicemail, however often its event arrives
        builder.HasOne<Client>().WithMany().HasForeignKey(t => t.ClientId).OnDelete(DeleteBehavior.SetNull);
        builder.HasOne<Staff>().WithMany().HasForeignKey(t => t.AssignedStaffId).OnDelete(DeleteBehavior.SetNull);
        builder.HasMany(t => t.Answers).WithOne().HasForeignKey(a => a.CallTaskId).OnDelete(DeleteBehavior.Cascade);
    }
}
