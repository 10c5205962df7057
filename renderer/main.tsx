import { App as AntApp, ConfigProvider } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { createRoot } from 'react-dom/client';
import { RouterProvider, createHashRouter } from 'react-router';
import '../shared/zodLocale';
import { AppShell } from './AppShell';
import { AuthGate } from './components/AuthGate';
import { UnlockGate } from './components/UnlockGate';
import './styles.css';

dayjs.locale('zh-cn');

// Hash routing: the page is a file in Electron and a single document in the browser host. A data router (one
// catch-all route; AppShell keeps its <Routes>) so that forms with unsaved changes can hold a navigation back.
const router = createHashRouter([
  {
    path: '*',
    element: (
      // An encrypted database asks for its password before the app opens.
      <UnlockGate>
        {/* Then, once the database has accounts, the sign-in (and the idle lock over the app). */}
        <AuthGate>
          <AppShell />
        </AuthGate>
      </UnlockGate>
    ),
  },
]);

createRoot(document.getElementById('root')!).render(
  <ConfigProvider locale={zhCN} button={{ autoInsertSpace: false }} theme={{ token: { colorPrimary: '#b7202e', borderRadius: 4 } }}>
    <AntApp>
      <RouterProvider router={router} />
    </AntApp>
  </ConfigProvider>,
);
