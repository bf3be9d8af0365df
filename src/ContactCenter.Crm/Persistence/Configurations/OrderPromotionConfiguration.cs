using ContactCenter.Crm.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ContactCenter.Crm.Persistence.Configurations;

internal sealed class OrderPromotionConfiguration : IEntityTypeConfiguration<OrderPromotion>
{
    public void Configure(EntityTypeBuilder<OrderPromotion> builder)
    {
        builder.HasIndex(p => new { p.OrderId, p.PromotionId }).IsUnique();
        builder.HasOne(p => p.Promotion).WithMany().HasForeignKey(p => p.PromotionId).OnDelete(DeleteBehavior.Restrict);
    }
}
