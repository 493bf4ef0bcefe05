import { ConsoleNav, type NavLink } from "@/components/console/ConsoleNav";
import { requireStaffPage } from "@/lib/auth/next-session";
import { can } from "@/lib/auth/roles";
import { signOut } from "../login/actions";

export default async function ConsoleLayout({ children }: { children: React.ReactNode }) {
  const { session, role } = await requireStaffPage();
  const links: NavLink[] = [
    { href: "/console", label: "Incidents" },
    { href: "/console/components", label: "Components" },
    { href: "/console/templates", label: "Templates" },
    { href: "/console/subscribers", label: "Subscribers" },
    { href: "/console/reports", label: "Reports" },
    ...(can(role, "team:manage") ? [{ href: "/console/team", label: "Team" }] : []),
    ...(can(role, "settings:manage")
      ? [
          { href: "/console/settings", label: "Settings" },
          { href: "/console/api-keys", label: "API keys" },
          { href: "/console/integrations", label: "Integrations" },
        ]
      : []),
    ...(can(role, "audit:read") ? [{ href: "/console/audit", label: "Audit log" }] : []),
    { href: "/console/account", label: "Account" },
    { href: "/", label: "Public page ↗" },
  ];
  return (
    <>
      <ConsoleNav links={links} user={{ name: session.user.name, role }} signOut={signOut} />
      <main id="main" className="mx-auto max-w-5xl space-y-6 px-4 py-8">
        {children}
      </main>
    </>
  );
}
