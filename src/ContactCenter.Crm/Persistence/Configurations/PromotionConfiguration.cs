using ContactCenter.Crm.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ContactCenter.Crm.Persistence.Configurations;

internal sealed class PromotionConfiguration : IEntityTypeConfiguration<Promotion>
{
    public void Configure(EntityTypeBuilder<Promotion> builder)
    {
        builder.Property(p => p.Name).HasMaxLength(200);
        builder.Property(p => p.Description).HasMaxLength(2000);
        builder.Property(p => p.DiscountPercent).HasPrecision(5, 2);
        builder.Property(p => p.BonusQuantity).HasPrecision(12, 3);
        builder.HasIndex(p => new { p.StartsOn, p.EndsOn });
        builder.HasOne(p => p.BonusProduct).WithMany().HasForeignKey(p => p.BonusProductId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(p => p.Products).WithMany().UsingEntity("promotion_products");
        builder.HasMany(p => p.ClientTypes).WithMany().UsingEntity("promotion_client_types");
        builder.ToTable(t =>
        {
            t.HasCheckConstraint("ck_promotions_period", "ends_on >= starts_on");
            t.HasCheckConstraint("ck_promotions_benefit", "discount_percent IS NOT NULL OR bonus_product_id IS NOT NULL");
        });
    }
}
